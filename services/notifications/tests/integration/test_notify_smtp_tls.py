"""STARTTLS with a private CA and a login, against a real aiosmtpd that demands both."""
import email
import email.policy
import shutil
import ssl
import subprocess

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from notifications.adapters.smtp import SmtpFailure, SmtpSender, build_email
from notifications.settings import SmtpSettings
from notifications.templates.render import Rendered
from samskab_dev.store_runner import free_port

pytestmark = pytest.mark.integration

USER, PASSWORD = "samskab", "hemmeligt-kodeord"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    tmp_path = tmp_path_factory.mktemp("smtp-tls")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return cert, key


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


def authenticate(server, session, envelope, mechanism, auth_data):
    good = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(), PASSWORD.encode())
    return AuthResult(success=good, handled=False)  # handled=False: the server answers 535


@pytest.fixture
def tls_smtp(certificate):
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port(), tls_context=context,
                            require_starttls=True, auth_required=True, authenticator=authenticate)
    controller.start()
    yield sink, controller.port, str(cert)
    controller.stop()


def message():
    rendered = Rendered(subject="Prøve: æøå", text="Hej Åse", html="<p>Hej Åse</p>", language="da")
    return build_email(rendered, to_address="aase@politi.dk", sender="noreply@samskab.example",
                       key="k")


def test_starttls_and_login_deliver(tls_smtp):
    sink, port, ca_file = tls_smtp
    SmtpSender(SmtpSettings(host="127.0.0.1", port=port, starttls=True, username=USER,
                            password=PASSWORD, ca_file=ca_file, timeout_s=5)).send(message())
    (mail,) = sink.messages
    assert mail["Subject"] == "Prøve: æøå" and "Hej Åse" in mail.get_body(("plain",)).get_content()


@pytest.mark.parametrize("change", ["no starttls", "wrong password", "untrusted certificate"])
def test_without_tls_a_good_password_or_a_trusted_certificate_nothing_is_sent(tls_smtp, change):
    sink, port, ca_file = tls_smtp
    settings = {"host": "127.0.0.1", "port": port, "starttls": True, "username": USER,
                "password": PASSWORD, "ca_file": ca_file, "timeout_s": 5}
    if change == "no starttls":
        settings["starttls"] = False
    elif change == "wrong password":
        settings["password"] = "forkert"
    else:
        settings["ca_file"] = None
    with pytest.raises(SmtpFailure) as caught:
        SmtpSender(SmtpSettings(**settings)).send(message())
    assert not caught.value.permanent
    assert sink.messages == []
