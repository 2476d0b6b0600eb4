import logging
import time

import eventlet
from reporting_feed import publish

from reporting import synthetic
from reporting.service import ReportingService


def run(container_factory, service_config, caplog, how):
    caplog.set_level(logging.INFO)
    for i in range(4):
        container = container_factory(ReportingService, service_config)
        container.start()
        publish(service_config["AMQP_URI"], list(synthetic.history(1, 60, seed=i, districts=("fyn",))))
        time.sleep(0.5 + i * 0.13)
        getattr(container, how)()
    for r in caplog.records:
        if r.levelno >= logging.WARNING:
            print("REC", how, r.name, r.levelname, r.getMessage())
            if r.exc_info:
                import traceback
                print("".join(traceback.format_exception(*r.exc_info))[-1800:])


def test_kill_logs(container_factory, service_config, caplog):
    run(container_factory, service_config, caplog, "kill")


def test_stop_logs(container_factory, service_config, caplog):
    run(container_factory, service_config, caplog, "stop")
