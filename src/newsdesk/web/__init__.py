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
