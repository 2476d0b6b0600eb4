# Samskab: `make run` starts the whole system, `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PYTHONPATH := lib:dev:services/initiatives:services/actors:services/notifications:services/reporting:gateway:.
export PYTHONPATH
STAMP := $(VENV)/.installed

.PHONY: run test asyncapi-check openapi-check test-unit test-integration test-e2e test-reliability lint duplicates bench token \
        topology definitions catalogue clean broker system-packages bench-reporting bench-gateway rebuild-reports test-scale test-federation

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

# RabbitMQ's management API is needed by nameko's test fixtures (one vhost per test).
broker:
	@command -v rabbitmq-plugins >/dev/null 2>&1 && \
	  rabbitmq-plugins enable --quiet rabbitmq_management rabbitmq_federation >/dev/null 2>&1 || true
	@$(PY) scripts/wait_for_broker.py

system-packages:
	@bash scripts/ensure_system_packages.sh

run: $(STAMP)
	$(PY) scripts/run_system.py

test: $(STAMP) broker system-packages
	$(BIN)/ruff check .
	scripts/asyncapi-check
	scripts/openapi-check
	$(BIN)/pytest -q

asyncapi-check:
	scripts/asyncapi-check

openapi-check: $(STAMP)
	scripts/openapi-check

test-unit: $(STAMP)
	$(BIN)/pytest -q -m unit

test-integration: $(STAMP) broker
	$(BIN)/pytest -q -m "integration and not reliability"

test-reliability: $(STAMP) broker
	$(BIN)/pytest -q -m reliability

test-e2e: $(STAMP) broker system-packages
	$(BIN)/pytest -q -m e2e

lint: $(STAMP)
	$(BIN)/ruff check .

token: $(STAMP)
	@$(PY) -m gateway.cli issue-token --role $(or $(ROLE),district_operator) \
	  --subject $(or $(SUBJECT),dev@example.dk) $(if $(filter district_operator,$(or $(ROLE),district_operator)),--district $(or $(DISTRICT),nordjylland),)

definitions: $(STAMP)
	$(PY) -m samskab_dev.topology_cli definitions > deploy/rabbitmq/definitions.json
	$(PY) scripts/deploy_definitions.py

test-scale: $(STAMP) broker
	$(BIN)/pytest -q -m scale

test-federation: $(STAMP) broker
	$(BIN)/pytest -q -m federation

catalogue: $(STAMP)
	$(PY) scripts/event_catalogue.py

bench: $(STAMP) broker
	$(PY) bench/pipeline.py

bench-reporting: $(STAMP)
	$(PY) bench/reporting.py

bench-gateway: $(STAMP) broker
	$(PY) bench/gateway.py

rebuild-reports: $(STAMP)
	$(PY) -m reporting.rebuild

clean:
	rm -rf $(VENV) var
