"""URL vetting: which URLs and addresses newsfold refuses, always before any connection is made."""

from __future__ import annotations

import ipaddress
import socket

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfold.errors import NewsfoldError
from newsfold.ingest import netguard
from newsfold.ingest.netguard import refusal, vet_url


@pytest.fixture(autouse=True)
def no_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    """Vetting never opens a socket; any attempt fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a connection was attempted: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)


def fake_dns(monkeypatch: pytest.MonkeyPatch, table: dict[str, list[str]]) -> list[str]:
    """Answer getaddrinfo from `table`; returns the list of names looked up."""
    asked: list[str] = []

    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list:
        asked.append(host)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        out = []
        for a in table[host]:
            if ":" in a:
                out.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (a, port, 0, 0)))
            else:
                out.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)))
        return out

    monkeypatch.setattr(netguard.socket, "getaddrinfo", getaddrinfo)
    return asked


REFUSED = {
    "127.0.0.1": "loopback",
    "127.8.9.10": "loopback",
    "::1": "loopback",
    "10.1.2.3": "private",
    "172.16.0.9": "private",
    "192.168.1.1": "private",
    "fd12:3456::1": "private",
    "fd00:ec2::254": "metadata",
    "169.254.169.254": "metadata",
    "100.100.100.200": "metadata",
    "169.254.10.1": "link-local",
    "fe80::1": "link-local",
    "224.0.0.251": "multicast",
    "ff02::1": "multicast",
    "0.0.0.0": "unspecified",
    "::": "unspecified",
    "240.0.0.1": "private",  # Python files the reserved 240/4 under is_private
    "100.64.0.1": "not a public",
    "::ffff:127.0.0.1": "loopback",
    "::ffff:10.0.0.1": "private",
    "2002:a00:1::1": "private",  # 6to4 carrying 10.0.0.1
    "64:ff9b::a9fe:a9fe": "metadata",  # NAT64 carrying 169.254.169.254
}


@pytest.mark.parametrize("address, why", sorted(REFUSED.items()))
def test_refused_addresses(address: str, why: str) -> None:
    reason = refusal(ipaddress.ip_address(address))
    assert reason is not None and why in reason


@pytest.mark.parametrize(
    "address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "64:ff9b::5db8:d70e"]
)
def test_public_addresses_pass(address: str) -> None:
    assert refusal(ipaddress.ip_address(address)) is None


def test_allow_loopback_lets_only_loopback_through() -> None:
    assert refusal(ipaddress.ip_address("127.0.0.1"), allow_loopback=True) is None
    assert refusal(ipaddress.ip_address("::1"), allow_loopback=True) is None
    for other in ("10.0.0.1", "169.254.169.254", "fd00:ec2::254", "192.168.0.1"):
        assert refusal(ipaddress.ip_address(other), allow_loopback=True) is not None


@pytest.mark.parametrize(
    "url, code",
    [
        ("file:///etc/passwd", "NF401"),
        ("ftp://example.com/a", "NF401"),
        ("gopher://example.com/", "NF401"),
        ("http://", "NF401"),
        ("http://user:pw@example.com/", "NF401"),
        ("http://example.com@127.0.0.1/", "NF401"),
        ("http://example.com:99999/", "NF401"),
        ("http://exa\nmple.com/", "NF401"),
        ("http://127.0.0.1/", "NF402"),
        ("http://[::1]:8080/", "NF402"),
        ("http://169.254.169.254/latest/meta-data/", "NF402"),
        ("http://[fd00:ec2::254]/", "NF402"),
        ("http://metadata.google.internal/computeMetadata/v1/", "NF402"),
        ("http://localhost:8000/", "NF402"),
        ("http://app.localhost/", "NF402"),
    ],
)
def test_refused_urls_raise_before_any_connection(
    url: str, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_dns(monkeypatch, {})
    with pytest.raises(NewsfoldError) as info:
        vet_url(url)
    assert info.value.code == code
    assert info.value.source == url.replace("\n", "\\n")  # shown escaped: one line, always


def test_every_resolved_address_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    # One private address among public ones refuses the host: the attacker's DNS picks which is used.
    fake_dns(monkeypatch, {"news.example": ["93.184.215.14", "10.0.0.7"], "ok.example": ["93.184.215.14"]})
    with pytest.raises(NewsfoldError) as info:
        vet_url("https://news.example/story")
    assert info.value.code == "NF402"
    assert "news.example resolves to 10.0.0.7, a private address" in info.value.line()
    target = vet_url("https://ok.example:8443/a b?q=1#frag")
    assert (target.scheme, target.host, target.port, target.path) == ("https", "ok.example", 8443, "/a b?q=1")
    assert target.addresses == ("93.184.215.14",)


def test_numeric_host_forms_are_resolved_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    # inet_aton reads 2130706433, 0x7f.1 and 127.1 as 127.0.0.1; the resolver does too.
    fake_dns(monkeypatch, {"2130706433": ["127.0.0.1"], "0x7f.1": ["127.0.0.1"]})
    for url in ("http://2130706433/", "http://0x7f.1/"):
        with pytest.raises(NewsfoldError) as info:
            vet_url(url)
        assert info.value.code == "NF402"


def test_unresolvable_host_is_nf403(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(monkeypatch, {})
    with pytest.raises(NewsfoldError) as info:
        vet_url("http://no-such-host.example/")
    assert info.value.code == "NF403"


def test_names_are_resolved_once(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = fake_dns(monkeypatch, {"news.example": ["93.184.215.14"]})
    vet_url("http://news.example/")
    assert asked == ["news.example"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    url=st.one_of(
        st.text(max_size=80),
        st.builds(
            lambda scheme, host, rest: f"{scheme}://{host}{rest}",
            st.sampled_from(["http", "https", "HTTP", "ftp", "file", "javascript", ""]),
            st.one_of(
                st.ip_addresses().map(lambda ip: f"[{ip}]" if ip.version == 6 else str(ip)),
                st.from_regex(r"[a-z0-9.-]{0,20}", fullmatch=True),
                st.text(max_size=20),
            ),
            st.text(max_size=30),
        ),
    )
)
def test_vetting_any_string_gives_a_target_or_a_typed_error(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_dns(monkeypatch, {})  # any name fails to resolve: no DNS traffic from the property test
    try:
        target = vet_url(url)
    except NewsfoldError as err:
        assert err.code in ("NF401", "NF402", "NF403")
        assert "\n" not in err.line()
        return
    # Only an IP literal can pass without DNS, and only a public one.
    ip = ipaddress.ip_address(target.addresses[0])
    assert refusal(ip) is None
    assert target.scheme in ("http", "https")
