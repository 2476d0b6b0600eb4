"""Standard Webhooks signatures: known vectors and every way verification must fail."""
import base64

import pytest

from notifications.domain.signing import (
    WebhookVerificationError,
    generate_secret,
    secret_key,
    sign,
    signed_headers,
    verify,
)

pytestmark = pytest.mark.unit

# The test vector published with the Standard Webhooks reference libraries.
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TS = 1614265330
SPEC_BODY = '{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

BODY = '{"type":"ActorJoined","data":{"actor_name":"Hjørring Kommune"}}'.encode()
NOW = 1_709_280_000


def test_matches_the_specification_vector():
    assert sign(SPEC_ID, SPEC_TS, SPEC_BODY, SPEC_SECRET) == SPEC_SIGNATURE
    verify(SPEC_BODY, {"webhook-id": SPEC_ID, "webhook-timestamp": str(SPEC_TS),
                       "webhook-signature": SPEC_SIGNATURE}, [SPEC_SECRET], now=SPEC_TS)


def test_generated_secrets_have_the_prefix_and_enough_random_bytes():
    secret = generate_secret()
    assert secret.startswith("whsec_") and len(secret_key(secret)) >= 24
    assert generate_secret() != secret
    fixed = generate_secret(lambda n: b"\x01" * n)
    assert fixed == "whsec_" + base64.b64encode(b"\x01" * 32).decode()
    with pytest.raises(ValueError):
        secret_key("whsec_" + base64.b64encode(b"short").decode())


def headers(secrets, ts=NOW, body=BODY):
    return signed_headers("msg_1", ts, body, secrets)


def test_a_genuine_request_verifies_with_case_insensitive_headers():
    secret = generate_secret()
    h = {k.upper(): v for k, v in headers([secret]).items()}
    verify(BODY, h, [secret], now=NOW + 299)


@pytest.mark.parametrize("case", ["tampered body", "wrong secret", "stale", "future", "missing",
                                  "not v1"])
def test_verification_refuses(case):
    secret, other = generate_secret(), generate_secret()
    h = headers([secret])
    body, secrets, now = BODY, [secret], NOW
    if case == "tampered body":
        body = BODY.replace(b"Kommune", b"Kommunen")
    elif case == "wrong secret":
        secrets = [other]
    elif case == "stale":
        now = NOW + 301
    elif case == "future":
        now = NOW - 301
    elif case == "missing":
        del h["webhook-id"]
    else:
        h["webhook-signature"] = h["webhook-signature"].replace("v1,", "v2,")
    with pytest.raises(WebhookVerificationError):
        verify(body, h, secrets, now=now)


def test_rotation_signs_with_both_secrets_and_either_verifies():
    old, new = generate_secret(), generate_secret()
    h = headers([new, old])
    assert len(h["webhook-signature"].split(" ")) == 2
    verify(BODY, h, [old], now=NOW)
    verify(BODY, h, [new], now=NOW)
    with pytest.raises(WebhookVerificationError):
        verify(BODY, headers([new]), [old], now=NOW)
