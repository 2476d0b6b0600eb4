# The reporting service: nameko run reporting.service:ReportingService
# Build from the repository root, tagged with the project version (pyproject.toml):
#   docker build -f deploy/docker/reporting.Dockerfile -t samskab/reporting:0.1.0 .
FROM python:3.11-slim-bookworm AS build
# The runtime group only (requirements/runtime.in), every package pinned with its hash:
# no test, lint or deploy-check tool is in the image.
COPY requirements/runtime.txt /tmp/runtime.txt
RUN python -m venv /venv \
 && /venv/bin/pip install --no-cache-dir --disable-pip-version-check --require-hashes -r /tmp/runtime.txt

FROM python:3.11-slim-bookworm
RUN useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin samskab
COPY --from=build /venv /venv
COPY lib/samskab_infra /app/lib/samskab_infra
COPY lib/samskab_contracts /app/lib/samskab_contracts
COPY services/reporting/reporting /app/services/reporting/reporting
COPY config.yaml /app/config.yaml
COPY deploy/docker/healthcheck.py /app/healthcheck.py
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app/lib:/app/services/reporting \
    METRICS_PORT=9100
WORKDIR /app
USER 10001:10001
EXPOSE 9100
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
  CMD ["python", "/app/healthcheck.py", "http://127.0.0.1:9100/health/ready"]
CMD ["python", "-m", "samskab_infra.nameko_run", "run", "--config", "/app/config.yaml", "reporting.service:ReportingService"]
