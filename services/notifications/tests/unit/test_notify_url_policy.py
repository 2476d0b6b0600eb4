import pytest

from notifications.domain.url_policy import check_webhook_url, forbidden_reason
from samskab_common.errors import DomainRuleViolation, ValidationFailed

pytestmark = pytest.mark.unit

PUBLIC = "93.184.216.34"


def resolver(table: dict[str, list[str]]):
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError("no such host")
        return table[host]
    return resolve


@pytest.mark.parametrize("address,reason", [
    ("127.0.0.1", "loopback"), ("10.0.0.1", "private"), ("192.168.1.20", "private"),
    ("172.16.5.4", "private"), ("169.254.169.254", "metadata"), ("169.254.10.1", "link-local"),
    ("::1", "loopback"), ("fd00:ec2::254", "metadata"), ("fe80::1", "link-local"),
    ("224.0.0.1", "multicast"), ("0.0.0.0", "unspecified"), ("240.0.0.1", "reserved"),
    ("::ffff:127.0.0.1", "loopback"), ("100.64.0.1", "not globally routable"),
])
def test_forbidden_addresses(address, reason):
    assert forbidden_reason(address) == reason


def test_public_addresses_pass():
    assert forbidden_reason(PUBLIC) is None
    assert forbidden_reason("2606:2800:220:1:248:1893:25c8:1946") is None
    check_webhook_url("https://partner.example/hook", resolve=resolver({"partner.example": [PUBLIC]}))


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/x", "http://10.0.0.1/x",
                                 "http://169.254.169.254/latest/meta-data", "http://[::1]/x",
                                 "http://localhost:9000/x", "https://sneaky.example/x"])
def test_refuses_urls_resolving_to_internal_addresses(url):
    resolve = resolver({"127.0.0.1": ["127.0.0.1"], "10.0.0.1": ["10.0.0.1"],
                        "169.254.169.254": ["169.254.169.254"], "::1": ["::1"],
                        "localhost": ["::1", "127.0.0.1"], "sneaky.example": [PUBLIC, "10.1.1.1"]})
    with pytest.raises(DomainRuleViolation) as caught:
        check_webhook_url(url, resolve=resolve)
    assert caught.value.code == "webhook.url.forbidden_address"


@pytest.mark.parametrize("url", ["ftp://partner.example/x", "file:///etc/passwd", "gopher://x/",
                                 "https://user:pw@partner.example/", "http:///nohost",
                                 "https://unknown.example/", "http://partner.example:99999/",
                                 "http://[zz/", "http://[::1/x", "http://part ner.example/",
                                 "http://partner.example\n/", "http://a\x00b/"])
def test_refuses_malformed_or_unresolvable_urls(url):
    with pytest.raises(ValidationFailed) as caught:
        check_webhook_url(url, resolve=resolver({"partner.example": [PUBLIC]}))
    assert "url" in caught.value.details


def test_the_operator_allow_list_overrides_for_named_hosts_only():
    resolve = resolver({"127.0.0.1": ["127.0.0.1"], "localhost": ["127.0.0.1"]})
    check_webhook_url("http://127.0.0.1:8080/hook", resolve=resolve, allowed_hosts={"127.0.0.1"})
    with pytest.raises(DomainRuleViolation):
        check_webhook_url("http://localhost:8080/hook", resolve=resolve, allowed_hosts={"127.0.0.1"})
    with pytest.raises(ValidationFailed):
        check_webhook_url("ftp://127.0.0.1/hook", resolve=resolve, allowed_hosts={"127.0.0.1"})


def test_a_name_that_cannot_be_encoded_is_unresolvable_not_a_crash():
    def resolve(host: str, port: int) -> list[str]:
        raise UnicodeError("label empty or too long")

    with pytest.raises(ValidationFailed) as caught:
        check_webhook_url("http://a..b/hook", resolve=resolve)
    assert "does not resolve" in caught.value.details["url"][0]
