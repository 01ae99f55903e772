"""https through the guarded backend: we connect to the checked IP, TLS still verifies the name."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from loopback import LoopbackServer
from newsdesk.errors import FetchFailed
from newsdesk.settings import Settings
from newsdesk.sources.fetch import Fetcher


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throw-away self-signed certificate for the name "localhost" only (no IP address)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl command not available")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost"], check=True, capture_output=True)
    return cert, key


@pytest.fixture
def https_server(certificate: tuple[Path, Path]) -> Iterator[LoopbackServer]:
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(*certificate)
    with LoopbackServer(tls=server_context) as server:
        yield server


def test_https_verified_by_host_name(https_server: LoopbackServer, certificate: tuple[Path, Path],
                                     settings: Settings) -> None:
    https_server.add("/a", "<html><body><p>secure</p></body></html>")
    trust = ssl.create_default_context(cafile=str(certificate[0]))
    with Fetcher(settings, ssl_context=trust) as fetcher:
        result = fetcher.fetch(f"https://localhost:{https_server.port}/a")
        assert result.status == 200 and b"secure" in result.body
        # Same server, same address, but the certificate does not name 127.0.0.1.
        with pytest.raises(FetchFailed) as info:
            fetcher.fetch(f"https://127.0.0.1:{https_server.port}/a")
        assert info.value.reason == "tls failure"


def test_untrusted_certificate_refused(https_server: LoopbackServer, settings: Settings) -> None:
    with Fetcher(settings) as fetcher, pytest.raises(FetchFailed) as info:
        fetcher.fetch(f"https://localhost:{https_server.port}/a")
    assert info.value.reason == "tls failure"
