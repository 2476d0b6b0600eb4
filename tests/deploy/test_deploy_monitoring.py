"""Alert rules, scrape config and dashboard: ``promtool`` (Debian's prometheus package)
checks and unit-tests them; every metric they use is one the services expose."""
from __future__ import annotations

import json
import re
import subprocess

import yaml
from deploy_support import GRAFANA, PROMETHEUS, ROOT, promql_expressions, tool

REQUIRED_ALERTS = {"SamskabDeadLetterQueueNotEmpty", "SamskabOutboxBacklogGrowing",
                   "SamskabProjectionLagAboveTarget", "SamskabConsumerGone", "SamskabWebhookEndpointDisabled"}


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
    import samskab_infra.metrics  # noqa: F401

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


def test_every_runbook_link_names_a_section_of_the_operations_guide():
    guide = (ROOT / "docs/operations.md").read_text()
    anchors = {re.sub(r"[^a-z0-9 -]", "", title.lower()).replace(" ", "-")
               for title in re.findall(r"^#{2,3} (.+)$", guide, re.M)}
    rules = [r for g in yaml.safe_load((PROMETHEUS / "alerts.yml").read_text())["groups"] for r in g["rules"]]
    links = {r["annotations"]["runbook"].split("#", 1)[1] for r in rules}
    links |= set(re.findall(r"\]\(#([a-z0-9-]+)\)", guide))
    assert links <= anchors, links - anchors


def test_prometheus_scrapes_every_samskab_process_on_its_ops_port_not_the_api_port():
    jobs = {job["job_name"]: job for job in yaml.safe_load((PROMETHEUS / "prometheus.yml").read_text())
            ["scrape_configs"]}
    for name in ("samskab-services", "samskab-gateway", "samskab-web"):
        assert [sd["port"] for sd in jobs[name]["dns_sd_configs"]] == [9100], name
    compose = yaml.safe_load((ROOT / "deploy/compose/compose.yaml").read_text())["services"]
    assert jobs["samskab-web"]["dns_sd_configs"][0]["names"] == ["web"]
    assert compose["web"]["environment"]["WEB_METRICS_PORT"] == "9100"
