"""The GKG export of a store read back as rows, as the GKG tests look at it."""

from __future__ import annotations

import csv
import io

from newsdesk.store import Store
from newsdesk.store.gdelt_export import write_gdelt


def gkg_rows(store: Store) -> dict[int, dict[str, str]]:
    """Each exported article's GKG row (column -> value) by its NDArticleId."""
    out = io.StringIO()
    write_gdelt(store, "gdelt-gkg", out)
    return {int(r["NDArticleId"]): r for r in csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t")}
