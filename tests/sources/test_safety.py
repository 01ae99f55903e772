"""Private, loopback, link-local, multicast and reserved targets are refused before any packet."""

from __future__ import annotations

import socket

import pytest

from newsdesk.errors import FetchFailed, FetchRefused, Rejected
from newsdesk.settings import Settings
from newsdesk.sources import safety
from newsdesk.sources.fetch import Fetcher
from newsdesk.sources.state import MemoryFetchState

FORBIDDEN = [
    "127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
    "0.0.0.0", "100.64.0.1", "224.0.0.1", "240.0.0.1", "255.255.255.255", "192.0.2.1",
    "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1",
    "::ffff:10.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::1", "2001:db8::1",
]
PUBLIC = ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "1.1.1.1"]


@pytest.mark.parametrize("address", FORBIDDEN)
def test_forbidden_addresses(address: str) -> None:
    assert safety.is_forbidden_address(address)


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address: str) -> None:
    assert not safety.is_forbidden_address(address)


@pytest.mark.parametrize("url", [
    "http://10.0.0.1/", "http://127.0.0.1:8080/x", "http://localhost/", "http://[::1]/",
    "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://169.254.169.254/latest/meta-data/",
    "http://2130706433/",  # 127.0.0.1 written as one decimal number
])
def test_check_url_refuses_private_targets(url: str) -> None:
    with pytest.raises(FetchRefused) as info:
        safety.check_url(url, allow_private=False)
    assert info.value.reason == "private address"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/", "gopher://x/", "data:,hi"])
def test_non_http_schemes_refused(url: str) -> None:
    with pytest.raises(FetchRefused) as info:
        safety.check_url(url, allow_private=True)
    assert info.value.reason in ("unsupported scheme", "bad url")


def test_allow_private_lets_loopback_through() -> None:
    assert "127.0.0.1" in safety.check_url("http://127.0.0.1:9/", allow_private=True)


def test_dns_failure_is_named() -> None:
    # A 64-character label cannot be resolved: it fails locally, without a query to any server.
    with pytest.raises(FetchFailed) as info:
        safety.check_url("http://" + "a" * 64 + ".example/", allow_private=False)
    assert info.value.reason == "dns failure"


def test_bad_idna_host_is_a_bad_url() -> None:
    with pytest.raises(FetchRefused) as info:
        safety.check_url("http://xn--a.example/", allow_private=False)
    assert info.value.reason == "bad url"


def test_ten_dot_refused_without_any_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """10.0.0.1 must be refused before connecting: any connection attempt fails the test."""
    attempts: list[object] = []

    def no_connect(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(socket, "create_connection", no_connect)
    state = MemoryFetchState()
    with Fetcher(Settings(), state) as fetcher:
        for url in ("http://10.0.0.1/", "http://10.0.0.1:8080/news", "http://127.0.0.1/"):
            with pytest.raises(FetchRefused) as info:
                fetcher.fetch(url)
            assert info.value.reason == "private address"
    assert attempts == []
    assert [e.error for e in state.log] == ["private address"] * 3


def test_guarded_backend_rechecks_at_connect_time() -> None:
    """Even if a pre-check were skipped (or DNS changed since), the connect itself refuses."""
    backend = safety.GuardedBackend(allow_private=False)
    with pytest.raises(FetchRefused):
        backend.connect_tcp("127.0.0.1", 9, timeout=1.0)
    with pytest.raises(FetchRefused):
        backend.connect_tcp("localhost", 9, timeout=1.0)


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>&lol2;</title></channel></rss>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title></channel></rss>"""
EXTERNAL_DTD = b"""<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file:///etc/passwd"><rss/>"""
RSS091 = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>t</title></channel></rss>"""


# A comment opener inside a processing instruction fools text patterns, not expat.
PI_TRICK = (b'<?pi <!-- ?><!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]><?pi --> ?>'
            b"<rss>&a;</rss>")


@pytest.mark.parametrize("body", [BOMB, XXE, EXTERNAL_DTD, BOMB.decode().encode("utf-16"),
                                  XXE.replace(b"<!ENTITY", b"<!  ENTITY"), PI_TRICK])
def test_hostile_xml_refused(body: bytes) -> None:
    with pytest.raises(Rejected) as info:
        safety.refuse_hostile_xml(body, "feed")
    assert (info.value.stage, info.value.reason) == ("feed", "xml entities refused")


def test_plain_public_doctype_allowed() -> None:
    safety.refuse_hostile_xml(RSS091, "feed")
    safety.refuse_hostile_xml(b"<rss><channel><title>not even well formed", "feed")
