# Samskab: `make run` starts the whole system, `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PYTHONPATH := lib:dev:services/initiatives:services/actors:services/notifications:services/reporting:gateway:web:.
export PYTHONPATH
STAMP := $(VENV)/.installed
LEAFLET := tools/leaflet/node_modules/.package-lock.json
# The dependency groups (requirements/*.in) and their hashed locks: runtime (what the images
# install), web (what the pages run on), test (tests, lint, type checks, the lock tool), deploy (offline deploy checks).
GROUPS := runtime web test deploy
LOCKS := $(foreach group,$(GROUPS),requirements/$(group).txt)

.PHONY: run account test asyncapi-check openapi-check test-unit test-integration test-e2e test-reliability lint typecheck duplicates bench \
        token topology definitions catalogue clean broker system-packages bench-pipeline bench-reporting bench-gateway bench-pages rebuild-reports test-scale \
        test-federation install lock

$(STAMP): $(LOCKS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes $(addprefix -r ,$(LOCKS))
	touch $(STAMP)

install: $(STAMP) $(LEAFLET)

# Leaflet for the safety-walk maps, pinned in tools/leaflet/package-lock.json and served by the
# web from our own origin (never a CDN); --ignore-scripts: it needs no install step.
$(LEAFLET): tools/leaflet/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "the web's maps need Node.js and npm (apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --prefix tools/leaflet --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Regenerate the locks from requirements/*.in with pip-tools, keeping every pin that still fits;
# `make lock UPGRADE=1` moves everything to the newest allowed release. In order: web and test are
# compiled against the runtime lock (test also against web), deploy against all, so one venv can hold all three.
lock: $(STAMP)
	cd requirements && for group in $(GROUPS); do \
	  CUSTOM_COMPILE_COMMAND="make lock" $(abspath $(BIN))/pip-compile --quiet --generate-hashes --allow-unsafe \
	    --strip-extras --no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade) \
	    --output-file $$group.txt $$group.in || exit 1; \
	done

# RabbitMQ's management API is needed by nameko's test fixtures (one vhost per test).
broker:
	@command -v rabbitmq-plugins >/dev/null 2>&1 && \
	  rabbitmq-plugins enable --quiet rabbitmq_management rabbitmq_federation >/dev/null 2>&1 || true
	@$(PY) scripts/wait_for_broker.py

system-packages:
	@bash scripts/ensure_system_packages.sh

run: $(STAMP) $(LEAFLET)
	$(PY) scripts/run_system.py

test: $(STAMP) $(LEAFLET) broker system-packages
	$(BIN)/ruff check .
	$(BIN)/mypy
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

test-e2e: $(STAMP) $(LEAFLET) broker system-packages
	$(BIN)/pytest -q -m e2e

lint: $(STAMP)
	$(BIN)/ruff check .

# A local sign-in account for the web pages (password asked for); ROLE also gives that grant.
account: $(STAMP)
	@$(PY) -m samskab_web.accounts create --email $(EMAIL) $(if $(ROLE),--role $(ROLE),) \
	  $(if $(DISTRICT),--district $(DISTRICT),)

# Types of the contracts, the infrastructure and the gateway (configured in pyproject.toml).
typecheck: $(STAMP)
	$(BIN)/mypy

token: $(STAMP)
	@$(PY) -m gateway.cli issue-token --role $(or $(ROLE),district_operator) \
	  --subject $(or $(SUBJECT),dev@example.dk) $(if $(filter district_operator,$(or $(ROLE),district_operator)),--district $(or $(DISTRICT),nordjylland),)

definitions: $(STAMP)
	$(PY) -m samskab_dev.topology_cli definitions > deploy/rabbitmq/definitions.json
	$(PY) scripts/deploy_definitions.py

test-scale: $(STAMP) broker
	SAMSKAB_SCALE_INITIATIVES=1000 $(BIN)/pytest -q -s -m scale

test-federation: $(STAMP) broker
	$(BIN)/pytest -q -m federation

catalogue: $(STAMP)
	$(PY) scripts/event_catalogue.py

# Issue 16's figures, each beside today's and the target: the pipeline with the naive peer,
# lag and the flat cost at 100,000 stored initiatives; the gateway against a bare echo; the
# reporting rebuild against the store. About 15 minutes; each runs alone as bench-pipeline,
# bench-gateway, bench-reporting (which also measures the rebuild in memory).
bench: bench-pipeline bench-gateway
	$(PY) bench/reporting.py --skip-memory

bench-pipeline: $(STAMP) broker
	$(PY) bench/pipeline.py --flat 100000

bench-reporting: $(STAMP)
	$(PY) bench/reporting.py

bench-gateway: $(STAMP) broker
	$(PY) bench/gateway.py

bench-pages: $(STAMP) broker
	$(PY) bench/pages.py

rebuild-reports: $(STAMP)
	$(PY) -m reporting.rebuild

clean:
	rm -rf $(VENV) var
