"""Where the fetcher may go, and what XML the parsers may read.

Network targets: only http(s), and only public addresses unless `allow_private`. The
host is resolved and *every* address it resolves to is checked before any packet is
sent; `GuardedBackend` repeats the check when the socket is opened, against the very
address it connects to, so a DNS answer that changes between the check and the
connection (DNS rebinding) cannot slip through. The fetcher runs both checks on every
redirect hop.

XML: feeds and sitemaps come from strangers. A document type with an internal subset
(entity declarations: billion laughs, quadratic blow-up) or an external entity (XXE:
`file:///etc/passwd`) is refused before any XML parser sees the bytes.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urljoin
from xml.parsers import expat

import httpcore
import httpx

from newsdesk.errors import FetchFailed, FetchRefused, Rejected
from newsdesk.extract.detect import markup_text, refuse_deep_nesting

ALLOWED_SCHEMES = ("http", "https")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, Teredo, NAT64), if any."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in ipaddress.IPv6Network("64:ff9b::/96"):  # NAT64 well-known prefix
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_forbidden_address(ip: IPAddress | str) -> bool:
    """True for any address that is not plainly on the public internet.

    `is_global` is False for private, loopback, link-local, shared (100.64/10),
    unspecified (0.0.0.0, ::), reserved and documentation ranges; multicast is refused
    on top because some multicast ranges count as global.
    """
    ip = ipaddress.ip_address(ip) if isinstance(ip, str) else ip
    inner = _embedded_ipv4(ip)
    if inner is not None and is_forbidden_address(inner):
        return True
    return not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_unspecified


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to; FetchFailed("dns failure") if none."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailed("dns failure", f"{host}: {exc}") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchFailed("dns failure", f"{host}: no address")
    return addresses


Exempt = tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]


def exempt_networks(specs: Iterable[str]) -> Exempt:
    """Parse "10.1.2.3" / "10.1.0.0/16" into networks allowed even when private."""
    return tuple(ipaddress.ip_network(s.strip(), strict=False) for s in specs if s.strip())


def check_addresses(host: str, addresses: Iterable[str], allow_private: bool, exempt: Exempt = ()) -> None:
    if allow_private:
        return
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # strip an IPv6 zone id
        if is_forbidden_address(ip) and not any(ip in net for net in exempt):
            raise FetchRefused("private address", f"{host} resolves to {address}")


def check_url(url: str, allow_private: bool, exempt: Exempt = ()) -> list[str]:
    """Refuse a URL we must not fetch; return the addresses its host resolves to.

    Raises FetchRefused("unsupported scheme" | "bad url" | "private address") or
    FetchFailed("dns failure"). Nothing is sent to the target.
    """
    try:
        parsed = httpx.URL(url)
        host = parsed.host  # decoded lazily: a bad IDNA label fails here
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchRefused("bad url", f"{url!r}: {exc}") from exc
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise FetchRefused("unsupported scheme", f"{parsed.scheme or 'none'}: {url}")
    if not host:
        raise FetchRefused("bad url", f"no host in {url}")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    addresses = resolve(host, port)
    check_addresses(host, addresses, allow_private, exempt)
    return addresses


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore network backend that re-checks the address it actually connects to.

    It also hands every socket it opens to `on_connect`, so the fetcher can cut a
    request off at its wall-clock deadline (a read timeout alone restarts on every byte).
    """

    def __init__(self, allow_private: bool, on_connect: Any = None, exempt: Exempt = ()) -> None:
        self._inner = httpcore.SyncBackend()
        self._allow_private = allow_private
        self._exempt = exempt
        self.on_connect = on_connect

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        addresses = resolve(host, port)
        check_addresses(host, addresses, self._allow_private, self._exempt)
        error: Exception | None = None
        for address in addresses:  # connect to the checked address, never re-resolve
            try:
                stream = self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
                continue
            if self.on_connect is not None:
                self.on_connect(stream.get_extra_info("socket"))
            return stream
        assert error is not None
        raise error

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        raise FetchRefused("unsupported scheme", "unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


# --- hostile XML ---------------------------------------------------------------------

_ENTITY_DECL = re.compile(r"<!\s*ENTITY", re.I)
_DOCTYPE_SUBSET = re.compile(r"<!\s*DOCTYPE[^>\[]*\[", re.I)
_SYSTEM_ID = re.compile(r"""<!\s*DOCTYPE[^>\[]*\bSYSTEM\s*["'](?P<id>[^"']*)["']""", re.I)
# Markup that is only text: an article *about* XXE quotes "<!ENTITY" in CDATA or a comment.
# Comments go first, so a "<![CDATA[" inside a comment cannot swallow a real declaration.
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CDATA = re.compile(r"<!\[CDATA\[.*?\]\]>", re.S)


def join_url(base: str | None, link: str) -> str | None:
    """`link` resolved against `base`; None when either cannot be parsed at all.

    urljoin raises ValueError on "http://[bad" (an unclosed IPv6 bracket): one such link
    in a sitemap, feed or home page ended the whole ingest with a traceback.
    """
    try:
        return urljoin(base, link) if base else link
    except ValueError:
        return None


def refuse_hostile_xml(body: bytes, stage: str) -> None:
    """Raise Rejected(stage, "xml entities refused") for DTD tricks (or "nested too deeply"); else return.

    Refused: elements nested past detect.MAX_NESTING_DEPTH ("nested too deeply"), any entity
    declaration, any DOCTYPE internal subset, a DOCTYPE pointing at a non-http system
    identifier (file:, ftp:, ...). A plain public DOCTYPE (RSS 0.91's) is
    harmless because no parser here loads external DTDs, so it is let through.
    """
    markup = markup_text(body)
    # Before any parser: feedparser's time grows with the depth (200,000 nested elements in a
    # 1.4 MB feed: 11 s), and lxml, past its limit of 256, quietly drops the rest of a sitemap.
    # Counted with CDATA in, as the HTML inside is parsed and sanitised too.
    refuse_deep_nesting(markup, stage, "nested too deeply", xml=True)
    text = _CDATA.sub("", _COMMENT.sub("", markup))
    if _ENTITY_DECL.search(text) or _DOCTYPE_SUBSET.search(text):
        raise Rejected(stage, "xml entities refused", "document declares a DTD internal subset or entities")
    m = _SYSTEM_ID.search(text)
    if m and not m.group("id").lower().startswith(("http://", "https://")):
        raise Rejected(stage, "xml entities refused", f"external DTD {m.group('id')[:80]!r}")
    # Second opinion from expat itself, with the handlers defusedxml installs: it reads the
    # prolog exactly as the XML parsers downstream will (the patterns above can be fooled
    # by markup-looking text in a processing instruction). Declarations can only stand
    # before the root element, so the scan stops there. A parse error is ignored: malformed
    # XML is the feed parser's business, and no parser here honours a DTD it cannot parse.
    parser = expat.ParserCreate()
    parser.EntityDeclHandler = _refuse_declaration(stage)
    parser.UnparsedEntityDeclHandler = _refuse_declaration(stage)
    parser.ExternalEntityRefHandler = _refuse_declaration(stage)
    parser.StartElementHandler = _end_of_prolog
    # LookupError: an encoding expat does not know ("UTW-8"); the feed parser copes or refuses.
    with contextlib.suppress(expat.ExpatError, LookupError, _PrologDone):
        parser.Parse(body, True)


class _PrologDone(Exception):
    pass


def _end_of_prolog(*args: Any) -> None:
    raise _PrologDone


def _refuse_declaration(stage: str) -> Callable[..., Any]:
    def refuse(*args: Any) -> Any:
        raise Rejected(stage, "xml entities refused", f"entity {args[0]!r}" if args else "entity")
    return refuse


def end_tag(*names: str) -> re.Pattern[bytes]:
    """The end tag of an element of one of these names, with or without a namespace prefix
    ("</item>", "</atom:entry >"): an entry's end, for `first_entries`."""
    return re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:" + "|".join(names).encode() + rb")\s*>")


def first_entries(body: bytes, entry_end: re.Pattern[bytes], limit: int) -> tuple[bytes, bool]:
    """The document up to the end of its `limit`-th entry (`entry_end` matches an entry's end
    tag), and whether more entries followed.

    Cut as bytes, before any parser: lxml's and feedparser's recovery close what is left open.
    A UTF-16 document (no "</" in its bytes) is not cut; the byte cap still bounds it.
    """
    if body.count(b"</") <= limit:  # at most one entry per end tag: nothing to cut
        return body, False
    for n, m in enumerate(entry_end.finditer(body), 1):
        if n == limit:
            more = entry_end.search(body, m.end()) is not None
            return (body[:m.end()], True) if more else (body, False)
    return body, False
