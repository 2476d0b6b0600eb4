"""The Kubernetes overlays, one per district and the national centre: rendered with
``kubectl kustomize`` and validated offline with ``kubernetes-validate`` (bundled schemas)."""
from __future__ import annotations

import json
import subprocess

import pytest
import yaml
from deploy_support import K8S, KUBERNETES_VERSIONS, SERVICES, tool

from samskab_contracts.districts import DISTRICTS
from scripts.deploy_definitions import read_definitions

SECRET_ENV = {"AMQP_URI", "MONGO_URI", "SAMSKAB_JWT_SECRET", "SAMSKAB_PSEUDONYM_KEY", "SMTP_PASSWORD", "SMTP_USERNAME",
              "SMTP_HOST", "WEB_SESSION_SECRET", "WEB_OIDC_CLIENT_SECRET"}
OURS = (*SERVICES, "gateway", "web")


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
    expected = {"reporting", "gateway", "web", "rabbitmq", "mongodb"}
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
    for name in OURS:
        if name in found:
            spec = found[name]["spec"]["template"]["spec"]
            assert spec["securityContext"]["runAsNonRoot"] is True
            container = spec["containers"][0]
            # Probes and Prometheus reach the ops listener, which binds OPS_HOST on the pod IP.
            ops_port = {p["name"]: p["containerPort"] for p in container["ports"]}["metrics"]
            for probe, path in (("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live")):
                assert container[probe]["httpGet"] == {"path": path, "port": "metrics"}, name
            annotations = found[name]["spec"]["template"]["metadata"]["annotations"]
            assert annotations["prometheus.io/port"] == str(ops_port), name
    config = next(d for d in documents if d["kind"] == "ConfigMap"
                  and d["metadata"]["name"].startswith("samskab-config"))
    assert config["data"]["OPS_HOST"] == "0.0.0.0"
    assert found["rabbitmq"]["spec"]["replicas"] == 3 and found["mongodb"]["spec"]["replicas"] == 3
    budgets = {d["metadata"]["name"]: d["spec"]["selector"]["matchLabels"] for d in documents
               if d["kind"] == "PodDisruptionBudget"}
    assert budgets == {name: w["spec"]["selector"]["matchLabels"] for name, w in found.items()}, "a budget each"


@pytest.mark.parametrize("overlay", ["nordjylland", "national"])
def test_the_web_runs_like_the_gateway_with_settings_it_accepts(overlay):
    """The web's Deployment: hardened as the gateway's, its settings (ConfigMaps and Secret keys)
    pass the web's own start-up check, and its addresses are real: the gateway Service's port,
    its own container ports, the Service and the probes on them."""
    from samskab_web.settings import load_web_settings

    documents = rendered(overlay)
    found = workloads(documents)
    web, gateway = found["web"], found["gateway"]
    assert web["spec"]["replicas"] == 2
    spec, gateway_spec = web["spec"]["template"]["spec"], gateway["spec"]["template"]["spec"]
    for key in ("securityContext", "automountServiceAccountToken"):
        assert spec[key] == gateway_spec[key], key
    container, = spec["containers"]
    assert container["securityContext"] == gateway_spec["containers"][0]["securityContext"]
    assert {"cpu", "memory"} <= set(container["resources"]["requests"]) and container["resources"]["limits"]["memory"]
    maps = {d["metadata"]["name"]: d["data"] for d in documents if d["kind"] == "ConfigMap"}
    environment = {key: value for source in container["envFrom"]
                   for key, value in maps[source["configMapRef"]["name"]].items()}
    secrets = {v["name"]: v["valueFrom"]["secretKeyRef"] for v in container["env"] if "valueFrom" in v}
    assert {"MONGO_URI", "SAMSKAB_JWT_SECRET", "WEB_SESSION_SECRET", "WEB_OIDC_CLIENT_SECRET"} == set(secrets)
    assert secrets["WEB_OIDC_CLIENT_SECRET"].get("optional") is True, "only with OpenID Connect"
    assert not [name for name, ref in secrets.items() if ref.get("optional") and name != "WEB_OIDC_CLIENT_SECRET"]
    gateway_secrets = {v["name"]: v["valueFrom"]["secretKeyRef"] for v in gateway_spec["containers"][0]["env"]
                       if "valueFrom" in v}
    assert secrets["SAMSKAB_JWT_SECRET"] == gateway_secrets["SAMSKAB_JWT_SECRET"], "the gateway must accept its tokens"
    environment |= {name: "x" * 32 for name in secrets} | {"MONGO_URI": "mongodb://mongodb-0.mongodb:27017"}
    settings = load_web_settings(environment)
    assert settings.cookie_secure is True and settings.oidc is None and settings.map_tiles == ""
    assert settings.url_scheme == "https", "behind the Ingress's TLS: the OIDC redirect URI is https"
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports == {"http": settings.port, "metrics": settings.ops_port}
    assert environment["OPS_HOST"] == "0.0.0.0" == settings.host
    services = {d["metadata"]["name"]: d for d in documents if d["kind"] == "Service"}
    assert settings.gateway_url == "http://gateway"  # the gateway Service, port 80, onto the API port
    assert [(p["port"], p["targetPort"]) for p in services["gateway"]["spec"]["ports"]] == [(80, "http")]
    assert services["web"]["spec"]["selector"] == web["spec"]["selector"]["matchLabels"]
    assert [p["targetPort"] for p in services["web"]["spec"]["ports"]] == ["http"]


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
