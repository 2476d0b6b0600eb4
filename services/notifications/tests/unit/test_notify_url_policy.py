import pytest

from notifications.domain.url_policy import (
    FORBIDDEN_ADDRESS,
    FORBIDDEN_PORT,
    UrlPolicy,
    WebhookTarget,
    check_webhook_url,
    forbidden_reason,
    parse_webhook_url,
    resolve_and_check,
)
from samskab_infra.errors import DomainRuleViolation, ValidationFailed

pytestmark = pytest.mark.unit

PUBLIC = "93.184.216.34"
PUBLIC_V6 = "2606:2800:220:1:248:1893:25c8:1946"


def resolver(table: dict[str, list[str]]):
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError("no such host")
        return table[host]
    return resolve


@pytest.mark.parametrize("address,reason", [
    ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("10.0.0.1", "private"),
    ("192.168.1.20", "private"), ("172.16.5.4", "private"), ("169.254.169.254", "metadata"),
    ("169.254.10.1", "link-local"), ("::1", "loopback"), ("fd00:ec2::254", "metadata"),
    ("fd12:3456::1", "private"), ("fe80::1", "link-local"), ("fe80::1%eth0", "link-local"),
    ("fec0::1", "site-local"), ("224.0.0.1", "multicast"), ("ff02::1", "multicast"),
    ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("240.0.0.1", "reserved"),
    ("255.255.255.255", "reserved"), ("100.64.0.1", "shared address space"),
    ("100.127.255.254", "shared address space"), ("192.0.2.1", "private"),
    ("198.18.0.1", "private"), ("2001:db8::1", "private"),
    # IPv4-mapped: judged by the IPv4 address inside
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.1.2.3", "private"),
    ("::ffff:169.254.169.254", "metadata"), ("::ffff:100.64.0.1", "shared address space"),
    # forms that tunnel to an IPv4 address of someone else's choosing
    ("::127.0.0.1", "ipv4-compatible"), ("::10.0.0.1", "ipv4-compatible"),
    ("2002:7f00:1::1", "6to4"), ("2002:5db8:d822::1", "6to4"),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "teredo"), ("2001::1", "teredo"),
    ("64:ff9b::7f00:1", "nat64"), ("64:ff9b::a00:1", "nat64"), ("64:ff9b::808:808", "nat64"),
    ("64:ff9b:1::a00:1", "nat64"),
])
def test_forbidden_addresses(address, reason):
    assert forbidden_reason(address) == reason


@pytest.mark.parametrize("address", [PUBLIC, "8.8.8.8", "100.63.255.255", "100.128.0.1",
                                     PUBLIC_V6, "2a00:1450:4001::1", "::ffff:93.184.216.34"])
def test_public_addresses_pass(address):
    assert forbidden_reason(address) is None


def test_a_public_host_on_a_standard_port_passes():
    resolve = resolver({"partner.example": [PUBLIC, PUBLIC_V6]})
    checked = resolve_and_check("https://partner.example/hook?x=1", resolve=resolve, policy=UrlPolicy())
    assert checked.addresses == (PUBLIC, PUBLIC_V6)
    assert checked.target == WebhookTarget("https", "partner.example", 443, "/hook?x=1")
    check_webhook_url("http://partner.example/hook", resolve=resolve)


@pytest.mark.parametrize("url,host_header,path", [
    ("https://Partner.Example/hook", "partner.example", "/hook"),
    ("https://partner.example:8443", "partner.example:8443", "/"),
    ("http://partner.example:80/a/b?c=d", "partner.example", "/a/b?c=d"),
    ("http://[2606:2800:220:1::1]:8080/x", "[2606:2800:220:1::1]:8080", "/x"),
])
def test_the_target_keeps_the_hostname_for_the_host_header(url, host_header, path):
    target = parse_webhook_url(url)
    assert (target.host_header, target.path) == (host_header, path)


@pytest.mark.parametrize("url", ["http://127.0.0.1/x", "http://10.0.0.1/x",
                                 "http://169.254.169.254/latest/meta-data", "http://[::1]/x",
                                 "http://localhost/x", "https://sneaky.example/x",
                                 "https://six-to-four.example/x", "http://[::ffff:7f00:1]/x"])
def test_refuses_urls_resolving_to_internal_addresses(url):
    resolve = resolver({"127.0.0.1": ["127.0.0.1"], "10.0.0.1": ["10.0.0.1"],
                        "169.254.169.254": ["169.254.169.254"], "::1": ["::1"],
                        "localhost": ["::1", "127.0.0.1"], "sneaky.example": [PUBLIC, "10.1.1.1"],
                        "six-to-four.example": [PUBLIC, "2002:a00:1::1"],
                        "::ffff:7f00:1": ["::ffff:127.0.0.1"]})
    with pytest.raises(DomainRuleViolation) as caught:
        check_webhook_url(url, resolve=resolve)
    assert caught.value.code == FORBIDDEN_ADDRESS
    assert "10.1.1.1" not in caught.value.message  # never tell what our resolver knows


@pytest.mark.parametrize("url", ["https://partner.example:8443/x", "http://partner.example:8080/x",
                                 "http://partner.example:22/x", "https://partner.example:6379/"])
def test_only_ports_80_and_443_unless_the_operator_allows_more(url):
    resolve = resolver({"partner.example": [PUBLIC]})
    with pytest.raises(DomainRuleViolation) as caught:
        check_webhook_url(url, resolve=resolve)
    assert caught.value.code == FORBIDDEN_PORT
    port = parse_webhook_url(url).port
    check_webhook_url(url, resolve=resolve, policy=UrlPolicy(extra_ports=frozenset({port})))


@pytest.mark.parametrize("url", ["ftp://partner.example/x", "file:///etc/passwd", "gopher://x/",
                                 "https://user:pw@partner.example/", "http:///nohost",
                                 "https://unknown.example/", "http://partner.example:99999/",
                                 "http://[zz/", "http://[::1/x", "http://part ner.example/",
                                 "http://partner.example\n/", "http://a\x00b/"])
def test_refuses_malformed_or_unresolvable_urls(url):
    with pytest.raises(ValidationFailed) as caught:
        check_webhook_url(url, resolve=resolver({"partner.example": [PUBLIC]}))
    assert "url" in caught.value.details


def test_the_operator_allow_list_exempts_named_hosts_only():
    resolve = resolver({"127.0.0.1": ["127.0.0.1"], "localhost": ["127.0.0.1"]})
    policy = UrlPolicy(allowed_hosts=frozenset({"127.0.0.1"}))
    check_webhook_url("http://127.0.0.1:8080/hook", resolve=resolve, policy=policy)
    with pytest.raises(DomainRuleViolation):
        check_webhook_url("http://localhost:8080/hook", resolve=resolve, policy=policy)
    with pytest.raises(DomainRuleViolation):
        check_webhook_url("http://localhost/hook", resolve=resolve, policy=policy)
    with pytest.raises(ValidationFailed):
        check_webhook_url("ftp://127.0.0.1/hook", resolve=resolve, policy=policy)


def test_an_allowed_host_is_still_resolved():
    checked = resolve_and_check("http://receiver.test:9000/hook", resolve=resolver({"receiver.test": ["127.0.0.1"]}),
                                policy=UrlPolicy(allowed_hosts=frozenset({"receiver.test"})))
    assert checked.addresses == ("127.0.0.1",)


def test_a_name_that_cannot_be_encoded_is_unresolvable_not_a_crash():
    def resolve(host: str, port: int) -> list[str]:
        raise UnicodeError("label empty or too long")

    with pytest.raises(ValidationFailed) as caught:
        check_webhook_url("http://a..b/hook", resolve=resolve)
    assert "does not resolve" in caught.value.details["url"][0]
