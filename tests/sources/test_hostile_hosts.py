"""Where an attacker's URL may point: every spelling of this machine's own address is refused
before a packet is sent, unless the explicit allowance (`allow_addresses`, or `allow_private`)
names it, as the loopback tests do. And a robots.txt that redirects in a loop means "no
robots.txt", not a host shut off."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from loopback import LoopbackServer
from newsdesk.errors import FetchRefused
from newsdesk.settings import Settings
from newsdesk.sources.fetch import Fetcher
from newsdesk.sources.state import MemoryFetchState

PAGE = "<html><head><title>Hello</title></head><body><p>Hello, world.</p></body></html>"
# 127.0.0.1 written every way a URL parser or the C resolver accepts it.
SPELLINGS = ["127.0.0.1", "2130706433", "0x7f000001", "017700000001", "0x7f.0.0.1", "0177.0.0.01", "127.1",
             "127.0.1", "localhost", "LOCALHOST", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "127。0。0。1"]


def _fetcher(**kwargs: object) -> Fetcher:
    settings = Settings().replace(request_delay=0.0, respect_robots=False, connect_timeout=2.0, read_timeout=2.0)
    return Fetcher(settings, MemoryFetchState(), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("host", SPELLINGS)
def test_every_spelling_of_loopback_is_refused_unsent(loopback: LoopbackServer, host: str) -> None:
    loopback.add("/admin", PAGE)
    with _fetcher() as f, pytest.raises(FetchRefused) as info:
        f.fetch(f"http://{host}:{loopback.port}/admin")
    assert info.value.reason in ("private address", "bad url")  # httpx refuses "0177.0.0.01" as a URL
    assert not loopback.requests


def test_this_machines_own_name_resolving_to_a_private_address_is_refused(loopback: LoopbackServer) -> None:
    """A name that looks like any other (here, the machine's host name) but resolves inside."""
    name = socket.gethostname()
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(name, loopback.port, type=socket.SOCK_STREAM)}
    except socket.gaierror:
        pytest.skip(f"{name} does not resolve here")
    if not all(ipaddress.ip_address(a).is_loopback for a in addresses):
        pytest.skip(f"{name} resolves to {addresses}, not only to loopback")
    loopback.add("/admin", PAGE)
    with _fetcher() as f, pytest.raises(FetchRefused):
        f.fetch(f"http://{name}:{loopback.port}/admin")
    assert not loopback.requests


@pytest.mark.parametrize("host", ["2130706433", "127.1", "[::ffff:127.0.0.1]", "localhost"])
def test_the_explicit_allowance_still_reaches_the_test_server(loopback: LoopbackServer, host: str) -> None:
    """allow_addresses opens the networks it names and only those (the tests' own servers)."""
    loopback.add("/admin", PAGE)
    with _fetcher(allow_addresses=["127.0.0.1/32", "::ffff:127.0.0.1/128"]) as f:
        if host.startswith("["):  # the server listens on IPv4 only: allowed, then refused by the OS
            with pytest.raises(Exception) as info:
                f.fetch(f"http://{host}:{loopback.port}/admin")
            assert getattr(info.value, "reason", "") != "private address"
            return
        assert f.fetch(f"http://{host}:{loopback.port}/admin").status == 200
    with _fetcher(allow_addresses=["127.0.0.2/32"]) as f, pytest.raises(FetchRefused):
        f.fetch(f"http://{host}:{loopback.port}/admin")


def test_a_robots_txt_redirecting_in_a_loop_counts_as_missing(loopback: LoopbackServer) -> None:
    """RFC 9309 2.3.1.2: redirects that lead nowhere are "unavailable", which allows crawling."""
    loopback.redirect("/robots.txt", "/robots-a.txt")
    loopback.redirect("/robots-a.txt", "/robots.txt")
    loopback.add("/a", PAGE)
    settings = Settings().replace(allow_private=True, request_delay=0.0)
    with Fetcher(settings, MemoryFetchState()) as f:
        assert f.fetch(loopback.url("/a")).status == 200
        assert f.fetch(loopback.url("/a")).status == 200
    assert len(loopback.hits("/robots.txt")) == 1  # read once, cached like any answer
