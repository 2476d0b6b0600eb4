# The web pages: python -m samskab_web (waitress), talking only to the gateway's HTTP API
# Build from the repository root, tagged with the project version (pyproject.toml):
#   docker build -f deploy/docker/web.Dockerfile -t samskab/web:0.1.0 .
#
# Leaflet (the safety-walk maps) is built here from tools/leaflet's npm lock (npm ci checks
# every package's integrity hash) and only its dist goes into the image: the pages serve it
# from our own origin (samskab_web/vendor.py); nothing is fetched when the container runs.
FROM node:20.19-bookworm-slim AS leaflet
COPY tools/leaflet/package.json tools/leaflet/package-lock.json /leaflet/
RUN npm ci --prefix /leaflet --ignore-scripts --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm AS build
# The runtime group and the web group (requirements/runtime.in, web.in), every package pinned
# with its hash: no test, lint or deploy-check tool is in the image.
COPY requirements/runtime.txt /tmp/runtime.txt
COPY requirements/web.txt /tmp/web.txt
RUN python -m venv /venv \
 && /venv/bin/pip install --no-cache-dir --disable-pip-version-check --require-hashes -r /tmp/runtime.txt -r /tmp/web.txt

FROM python:3.11-slim-bookworm
RUN useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin samskab
COPY --from=build /venv /venv
COPY --from=leaflet /leaflet/node_modules/leaflet/dist /app/tools/leaflet/node_modules/leaflet/dist
COPY lib/samskab_infra /app/lib/samskab_infra
COPY lib/samskab_contracts /app/lib/samskab_contracts
COPY web/samskab_web /app/web/samskab_web
COPY deploy/docker/healthcheck.py /app/healthcheck.py
# WEB_METRICS_PORT: the ops listener (/metrics, /health/*) on 9100, as in every image. The pages
# are served to people over HTTPS by the site's TLS proxy: secure cookies, https addresses.
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app/lib:/app/web \
    WEB_ADDRESS=0.0.0.0:8081 \
    WEB_METRICS_PORT=9100 \
    WEB_COOKIE_SECURE=true \
    WEB_URL_SCHEME=https
WORKDIR /app
USER 10001:10001
EXPOSE 8081 9100
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
  CMD ["python", "/app/healthcheck.py", "http://127.0.0.1:9100/health/ready"]
CMD ["python", "-m", "samskab_web"]
