"""The analyst walk's desk (U2), shared by the desk tests that download from it (U3, the export that
fails early): Iran articles on several days and sites, a syndicated copy, a site with no name, a
French article not yet read, a link farm, GDELT events and hand-made entity mentions, in a real store."""

from __future__ import annotations

from typing import Any

from newsdesk.records import Article, RawPage

# (day, site, text): Iran on four days, one text syndicated by a second site, two articles without Iran.
ARTICLES = [
    ("2026-10-28", "Gulf Wire", "Iran's foreign minister met envoys in Muscat about the nuclear talks."),
    ("2026-11-03", "Gulf Wire", "Iran said its missile programme was never part of the talks, the minister said."),
    ("2026-11-03", "Harbour Post", "Iran said its missile programme was never part of the talks, the minister said."),
    ("2026-11-12", "Harbour Post", "Tehran and Washington resumed talks on sanctions; Iran asked for guarantees."),
    ("2026-12-02", "Gulf Wire", "Iran opened a new round of talks with European envoys in Geneva."),
    ("2026-11-05", "Harbour Post", "The harbour master counted forty ferries in the autumn storm."),
    ("2026-11-06", "Gulf Wire", "A ferry strike closed the harbour for a day."),
    ("2026-10-01", "Harbour Post", "Iran, Iran and Iran: Iran's neighbours on Iran in Iran's own words."),  # most relevant
]
# One text twice on one site that names itself nowhere (no site name: the source is the URL's host).
GV = ("2026-10-20", "Bloggers in three cities amplified the campaign against the cyber crimes bill this week.")
FRENCH = ("2026-11-12", "Le ministre a promis des aides aux éleveurs avant la fin du mois de mars.")
FARM = "https://farm.example/casino"
EVENT = {"cameo": "040", "root": "04", "quad_class": 1, "goldstein": 1.0, "sentence": "Iran's foreign minister met envoys",
         "source": {"text": "Iran", "code": "IRN", "country": "IRN"},
         "target": {"text": "envoys", "code": "OMN", "country": "OMN"}, "start": 0, "end": 30}


def store_walk(store: Any) -> dict[str, int]:
    """Store the walk's articles, events and mentions; their ids by ARTICLES index ("0" ...), "gv0", "gv1",
    "fr", "farm", and the Iran entity's id ("iran")."""
    ids = {}
    for n, (day, site, text) in enumerate(ARTICLES):
        url = f"https://{site.split()[0].lower()}.example/{n}"
        article = Article(url=url, site_name=site, language="en", text=text, paragraphs=(text,),
                          title=f"{text[:40]} ({n})", published=f"{day}T10:00:00+00:00")
        _, article_id = store.store_page(RawPage(body=f"{url}\n{text}".encode(), origin=url, url=url), article)
        store.after_store_stories(article_id, store.get_article(article_id))
        ids[f"{n}"] = article_id
    for n in ("0", "1", "4"):  # an event in and out of the period, for the GDELT file
        store.after_store_events(ids[n], Article(language="en", published=ARTICLES[int(n)][0], events=(EVENT,)))
    iran = store.conn.execute("INSERT INTO entities(type, name, key, country) VALUES ('GPE', 'Iran', 'iran', 'IRN')"
                              ).lastrowid
    for n in ("0", "1", "2", "3", "4"):  # hand-made mentions: the feed is under test, not the annotator
        store.conn.execute("INSERT INTO entity_mentions(article_id, entity_id, text, start, end, day)"
                           " VALUES (?,?,'Iran',0,4,?)", (ids[n], iran, ARTICLES[int(n)][0]))
    ids["iran"] = iran
    for n, path in enumerate(("2026/10/20/bill/", "gv/index_1.html")):
        url = "http://globalvoices.example/" + path
        article = Article(url=url, language="en", text=GV[1], paragraphs=(GV[1],), title="Bloggers and the bill",
                          published=f"{GV[0]}T10:00:00+00:00")
        ids[f"gv{n}"] = store.store_page(RawPage(body=f"{url}\n{GV[1]}".encode(), origin=url, url=url), article)[1]
        store.after_store_stories(ids[f"gv{n}"], store.get_article(ids[f"gv{n}"]))
    day, text = FRENCH  # stored before French was read: /stats counts it to reprocess
    url = "https://fr.example/lait"
    article = Article(url=url, site_name="Le Quotidien", language="fr", text=text, paragraphs=(text,),
                      title="Le prix du lait", published=f"{day}T10:00:00+00:00")
    ids["fr"] = store.store_page(RawPage(body=text.encode(), origin=url, url=url), article)[1]
    store.record_read(ids["fr"], "fr", ())
    farm = Article(kind="not_article", reason="not an article: link farm", url=FARM, title="Best casino bonus")
    ids["farm"] = store.store_page(RawPage(body=b"<a>1</a><a>2</a>", origin=FARM, url=FARM), farm)[1]
    store.conn.commit()
    return ids
