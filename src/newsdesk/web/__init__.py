"""The web desk: HTML pages, a JSON twin for each, Atom feeds and OpenAPI docs over the store.

- app.py          create_app(db_path, settings): middleware, error shape, route discovery
- state.py        per-thread read-only store connections and a small TTL cache
- render.py       Jinja2 environment and the filters templates use (times, safe URLs, snippets)
- routes_*.py     one module per area; each exposes ROUTES (other packages add theirs the same way)
- openapi.py      the API description behind /api/openapi.json and /docs
- chart.py        server-side SVG charts (work with JavaScript off)
- atom.py         Atom feeds out
- commands.py     `newsdesk serve`, `newsdesk index`
- serving.py      several server processes on one port, one socket each (SO_REUSEPORT)
- cards.py        listing cards rendered ahead of time into desk_cards (migrations 012, 013)
"""

from starlette.convertors import Convertor, register_url_convertor


class StoredId(Convertor[int]):
    """`{name:id}` in a route: a stored row's id, digits that fit SQLite's 64-bit INTEGER. With
    `{name:int}` an address such as /entities/99999999999999999999 reached the store, whose
    driver raised OverflowError: a 500 where any other unknown id is a 404. Nineteen digits
    and more never name a row here, so such an address matches no route (a 404)."""

    regex = "[0-9]{1,18}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(int(value))


# Registered here, in the package every route module is imported through, before any route is built.
register_url_convertor("id", StoredId())
