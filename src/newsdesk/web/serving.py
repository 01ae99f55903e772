"""Several desk processes on one port, each with its own listening socket (SO_REUSEPORT).

uvicorn's `--workers` shares one listening socket among its processes, and whichever wakes first
accepts every connection waiting: with 32 clients connecting at once the benchmark saw 32/0,
29/3, 20/12 and 17/15 splits between two workers (`ss -tnp`), so one core idled while the other
queued twice its share, and tail latency depended on that draw. With a socket per process the
kernel spreads new connections over the processes by a hash of their addresses (32 connections:
16 ± 3 per process). Used by `newsdesk serve --workers N` (N > 1) and by the benchmark.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
from types import FrameType

APP = "newsdesk.web.app:app_from_env"


def reuseport_socket(host: str, port: int, listen: bool = True) -> socket.socket:
    """A TCP socket bound to (host, port) that other processes may bind too (SO_REUSEPORT);
    listening unless told otherwise (a bound socket that does not listen gets no connections)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    if listen:
        sock.listen(2048)
    return sock


def _worker(host: str, port: int, options: dict[str, object]) -> None:
    import uvicorn

    sock = reuseport_socket(host, port)
    config = uvicorn.Config(APP, factory=True, host=host, port=port, **options)  # type: ignore[arg-type]
    uvicorn.Server(config).run(sockets=[sock])


def run_workers(host: str, port: int, workers: int, **options: object) -> None:
    """Serve the desk (app from the environment: NEWSDESK_DB, ...) in `workers` processes until a
    signal or until every worker has stopped. Port 0 picks a free port for all of them."""
    if not hasattr(socket, "SO_REUSEPORT"):  # not Linux/BSD: uvicorn's shared socket
        import uvicorn

        uvicorn.run(APP, factory=True, host=host, port=port, workers=workers, **options)  # type: ignore[arg-type]
        return
    # Holds the port (and learns it, for port 0) without listening, so it takes no connections.
    holder = reuseport_socket(host, port, listen=False)
    port = holder.getsockname()[1]
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_worker, args=(host, port, options), name=f"desk-worker-{i}")
                 for i in range(workers)]
    for process in processes:
        process.start()

    def stop(signum: int, frame: FrameType | None) -> None:
        for process in processes:
            if process.is_alive() and process.pid:
                os.kill(process.pid, signal.SIGTERM)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for process in processes:
            process.join()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        stop(signal.SIGTERM, None)
        for process in processes:
            process.join(10)
        holder.close()
