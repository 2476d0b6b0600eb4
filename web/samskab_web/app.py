"""The Flask application: settings, the gateway client and the account store are handed
in (the process in __main__, fakes or real ones in tests). Each request gets a
correlation id (passed to the gateway as X-Request-Id), a language, a CSRF check on
every post and the security headers; a gateway problem becomes the matching page."""
from __future__ import annotations

import logging
import time
import uuid
from datetime import timedelta

from babel.numbers import format_decimal
from flask import Flask, Response, g, render_template, request, session
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from samskab_infra.logs import correlation_id_var

from . import i18n, workspace
from .accounts import AccountStore
from .activities import activities
from .actors import actors
from .district import district
from .feed import feed
from .gateway_client import GatewayClient, GatewayError
from .goals import goals
from .governance import governance
from .learning import learning
from .mapping import method
from .members import members
from .metrics import PAGE_SECONDS
from .network_activities import network_activities
from .outcomes import outcomes
from .pages import pages
from .partner import partner
from .platforms import platforms
from .reach import reach
from .reports import reports
from .revision import revision
from .security import HEADERS, check_csrf, content_security_policy, csrf_token
from .settings import WebSettings
from .signin import oidc_client, signin
from .signin_limit import FailureCounts, Limits, MemoryFailureCounts, SignInLimit
from .vendor import vendor

log = logging.getLogger("samskab_web")
REQUEST_ID_HEADER = "X-Request-Id"
SESSION_COOKIE = "samskab_session"


def create_app(settings: WebSettings, accounts: AccountStore, gateway: GatewayClient,
               failure_counts: FailureCounts | None = None) -> Flask:
    """``failure_counts``: where failed sign-ins are counted (the store, shared by every web
    process); this process's memory when none is given."""
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.session_secret,
        SESSION_COOKIE_NAME=SESSION_COOKIE,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.cookie_secure,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=settings.session_hours),
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    lockout_s = settings.sign_in_lockout_minutes * 60
    sign_in_limit = SignInLimit(failure_counts or MemoryFailureCounts(),
                                Limits(settings.sign_in_max_failures, window_s=lockout_s, lockout_s=lockout_s))
    app.extensions["samskab"] = {"settings": settings, "accounts": accounts, "gateway": gateway,
                                 "sign_in_limit": sign_in_limit}
    catalogues = i18n.Catalogues()
    _install_i18n(app)

    app.register_blueprint(signin)
    app.register_blueprint(pages)
    app.register_blueprint(reports)
    app.register_blueprint(vendor)
    app.register_blueprint(activities)
    app.register_blueprint(outcomes)
    app.register_blueprint(members)
    app.register_blueprint(feed)
    app.register_blueprint(partner)
    app.register_blueprint(district)
    app.register_blueprint(actors)
    app.register_blueprint(method)
    app.register_blueprint(revision)
    app.register_blueprint(platforms)
    app.register_blueprint(goals)
    app.register_blueprint(governance)
    app.register_blueprint(network_activities)
    app.register_blueprint(learning)
    app.register_blueprint(reach)
    app.extensions["samskab"]["oidc"] = oidc_client(app, settings)
    identity_provider = settings.oidc.issuer if settings.oidc else None
    headers = {"Content-Security-Policy": content_security_policy(identity_provider, settings.map_tiles), **HEADERS}

    @app.before_request
    def _begin() -> None:
        g.started = time.perf_counter()
        given = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = given if 0 < len(given) <= 100 and given.isprintable() else str(uuid.uuid4())
        correlation_id_var.set(g.request_id)
        g.lang = i18n.choose_language(request.cookies.get(i18n.LANG_COOKIE))
        g.translations = catalogues.for_lang(g.lang)
        check_csrf()

    @app.after_request
    def _finish(response: Response) -> Response:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        response.headers["Content-Language"] = g.get("lang", i18n.DEFAULT_LANGUAGE)
        response.headers[REQUEST_ID_HEADER] = g.get("request_id", "")
        if response.mimetype == "text/html":
            response.headers["Cache-Control"] = "no-store"
        elapsed = time.perf_counter() - g.get("started", time.perf_counter())
        PAGE_SECONDS.labels(request.endpoint or "none", request.method, str(response.status_code)).observe(elapsed)
        log.info("%s %s %s %.1f ms", request.method, request.path, response.status_code, elapsed * 1000)
        return response

    @app.errorhandler(GatewayError)
    def _gateway_problem(exc: GatewayError) -> ResponseReturnValue:
        if exc.status == 401:
            session.clear()
        status = exc.status if exc.status in (401, 403, 404) else 503 if exc.status >= 500 else 400
        if exc.status >= 500:
            log.warning("the gateway answered %s", exc)
        return render_template("error.html", status=status), status

    @app.errorhandler(HTTPException)
    def _http_problem(exc: HTTPException) -> ResponseReturnValue:
        status = exc.code or 500
        return render_template("error.html", status=status, csrf=exc.description == "csrf"), status

    return app


def _install_i18n(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.i18n")

    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        i18n.gettext, i18n.ngettext, newstyle=True)
    app.jinja_env.filters["one_decimal"] = lambda value: format_decimal(value, format="0.0", locale=g.lang)
    app.jinja_env.globals.update(csrf_token=csrf_token, phase_label=lambda p: i18n.phase_label(p, g.lang),
                                 theme_label=lambda t: i18n.theme_label(t, g.lang),
                                 languages=i18n.LANGUAGE_NAMES, may=workspace.may)
