"""Signing in and out. A local account (the embedded default) or the organisation's own
identity provider (OpenID Connect, when WEB_OIDC_ISSUER is set). Either way the session
then holds only who the person is; the gateway resolves what they may do at every call."""
from __future__ import annotations

import logging
import math
import secrets
from typing import Any

from authlib.integrations.flask_client import OAuth  # type: ignore[import-untyped]
from flask import Blueprint, Flask, abort, current_app, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from .i18n import LANG_COOKIE, LANGUAGES
from .metrics import SIGN_INS
from .security import CSRF_FIELD, local_path
from .settings import WebSettings
from .signin_limit import SignInLimit

log = logging.getLogger("samskab_web.signin")
signin = Blueprint("signin", __name__)


def oidc_client(app: Flask, settings: WebSettings) -> Any:
    """The identity provider's client, or None when none is configured."""
    if settings.oidc is None:
        return None
    oauth = OAuth(app)
    return oauth.register(
        "idp", client_id=settings.oidc.client_id, client_secret=settings.oidc.client_secret,
        server_metadata_url=f"{settings.oidc.issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256"})


def _start_session(subject: str) -> None:
    """A fresh session (never the one from before sign-in) naming the person."""
    session.clear()
    session.permanent = True
    session["subject"] = subject
    session[CSRF_FIELD] = secrets.token_urlsafe(32)


def _has_oidc() -> bool:
    return current_app.extensions["samskab"]["oidc"] is not None


@signin.get("/sign-in")
def sign_in_form() -> ResponseReturnValue:
    return render_template("sign_in.html", oidc=_has_oidc(), email="", failed=False,
                           next=local_path(request.args.get("next"), ""))


@signin.post("/sign-in")
def sign_in() -> ResponseReturnValue:
    accounts = current_app.extensions["samskab"]["accounts"]
    limit: SignInLimit = current_app.extensions["samskab"]["sign_in_limit"]
    email = request.form.get("email", "")
    again = {"oidc": _has_oidc(), "email": email, "next": local_path(request.form.get("next"), "")}
    wait_s = limit.wait_s(email, request.remote_addr)
    if wait_s:
        # Refused before the password is checked: the right one is refused too, so the
        # answer says nothing about the account or the password.
        SIGN_INS.labels("local", "blocked").inc()
        page = render_template("sign_in.html", failed=False, wait_minutes=math.ceil(wait_s / 60), **again)
        return page, 429, {"Retry-After": str(wait_s)}
    subject = accounts.verify(email, request.form.get("password", ""))
    if subject is None:
        SIGN_INS.labels("local", "refused").inc()
        limit.failed(email, request.remote_addr)
        return render_template("sign_in.html", failed=True, **again), 401
    SIGN_INS.labels("local", "ok").inc()
    limit.succeeded(email)
    _start_session(subject)
    log.info("signed in (local account)")
    return redirect(local_path(request.form.get("next"), url_for("pages.my_initiatives")), 303)


@signin.post("/sign-in/oidc")
def sign_in_oidc() -> ResponseReturnValue:
    client = current_app.extensions["samskab"]["oidc"]
    if client is None:
        abort(404)
    return client.authorize_redirect(url_for("signin.oidc_callback", _external=True))


@signin.get("/sign-in/oidc/callback")
def oidc_callback() -> ResponseReturnValue:
    client = current_app.extensions["samskab"]["oidc"]
    if client is None:
        abort(404)
    oidc = current_app.extensions["samskab"]["settings"].oidc
    try:
        token = client.authorize_access_token()
    except Exception:  # noqa: BLE001 - any failure of the provider's answer is a refused sign-in
        log.warning("the identity provider's answer was refused", exc_info=True)
        SIGN_INS.labels("oidc", "refused").inc()
        abort(401)
    claims = token.get("userinfo") or {}
    subject = claims.get(oidc.subject_claim)
    if not isinstance(subject, str) or not subject.strip():
        SIGN_INS.labels("oidc", "refused").inc()
        abort(401)
    SIGN_INS.labels("oidc", "ok").inc()
    subject = subject.strip()
    _start_session(subject.lower() if oidc.subject_claim == "email" else subject)
    log.info("signed in (OpenID Connect)")
    return redirect(url_for("pages.my_initiatives"), 303)


@signin.post("/sign-out")
def sign_out() -> ResponseReturnValue:
    session.clear()
    return redirect(url_for("signin.sign_in_form"), 303)


@signin.get("/language/<lang>")
def choose_language(lang: str) -> ResponseReturnValue:
    if lang not in LANGUAGES:
        abort(404)
    response = redirect(local_path(request.args.get("next"), "/"), 303)
    settings: WebSettings = current_app.extensions["samskab"]["settings"]
    response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, httponly=True, samesite="Lax",
                        secure=settings.cookie_secure)
    return response


def signed_in_subject() -> str | None:
    return session.get("subject")

