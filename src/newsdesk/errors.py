"""One exception tree for newsdesk.

    NewsdeskError                  root; carries an exit code for the CLI
    ├── ConfigError                bad newsdesk.toml, unknown key, bad flag value (exit 2)
    ├── StoreError                 the database cannot be opened or migrated (exit 3)
    ├── QueryError                 a search query that cannot be read (exit 2)
    ├── NotFound                   no such article, story or entity (exit 5)
    └── Rejected(stage, reason)    one input refused by one stage (exit 4 when it is the only input)
        ├── FetchRefused           policy said no: robots.txt, private address, size cap
        └── FetchFailed            the network or server failed: timeout, redirect loop, 5xx

`Rejected` is data, not a crash: the pipeline catches it, stores it in the failures
table with its stage and reason, and goes on with the next input.
"""

from __future__ import annotations

from newsdesk.controls import without_breaks


class NewsdeskError(Exception):
    exit_code = 1


class ConfigError(NewsdeskError):
    exit_code = 2


class StoreError(NewsdeskError):
    exit_code = 3


class QueryError(NewsdeskError):
    exit_code = 2


class NotFound(NewsdeskError):
    exit_code = 5


class Rejected(NewsdeskError):
    """An input refused by a stage. `reason` is short and groupable; `detail` says more."""

    exit_code = 4

    def __init__(self, stage: str, reason: str, detail: str = "", origin: str | None = None) -> None:
        # A reason or detail often carries what a server sent (its Content-Type, an exception's
        # message quoting a header): without controls, it reaches the failures table and the
        # CLI's echo as text, not as a terminal escape or a reversed line (newsdesk.controls).
        self.stage = stage
        self.reason = without_breaks(reason)
        self.detail = without_breaks(detail)
        self.origin = origin  # the input refused (path, URL, warc#record), when the stage knows it
        super().__init__(f"{stage}: {self.reason}" + (f" ({self.detail})" if self.detail else ""))

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Rejections cross process boundaries (extraction workers); rebuild with all three fields.
        return (_rebuild_rejected, (type(self), self.stage, self.reason, self.detail, self.origin))


def _rebuild_rejected(cls: type[Rejected], stage: str, reason: str, detail: str, origin: str | None) -> Rejected:
    exc = Rejected.__new__(cls)
    Rejected.__init__(exc, stage, reason, detail, origin)
    return exc


class FetchRefused(Rejected):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__("fetch", reason, detail)


class FetchFailed(Rejected):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__("fetch", reason, detail)
