"""The understand stage: `Annotator().annotate(article)` fills `entities` and `quotes`.

Order: parse (shared cache, `nlp.parse`) → entity mentions with roles and countries →
canonical names within the article (the title's names read too: `title_names`) → quotes → each
quote's speaker resolved to a named entity (`speaker_naming.resolve_speaker`: a pronoun to its
antecedent, `speaker_antecedents`; "the minister" to the person with that role; the name a speaker
phrase writes, `speaker_mention`; else the phrase, `speaker_phrase`) → quotes whose speaker is
likely wrong dropped (`speaker_gate`, from how the name was reached). The rules' switches are in
`annotate_switches`. French articles go to `annotate_fr` (its own entities, the same canonical
names). Articles in a language we have no model for come back unchanged (not covered, not mangled).

Other modules import `Annotator`, `annotate_doc`, `resolve_speaker` and `written_speaker` from here.
"""

from __future__ import annotations

from typing import Any

from newsdesk.records import Article, Entity, Quote
from newsdesk.understand import dialogue, nlp, quote_anatomy, quotes, speaker_gate, writer
from newsdesk.understand.annotate_switches import WRITER_ENTITY
from newsdesk.understand.canonical import canonicalize
from newsdesk.understand.coverage import READ
from newsdesk.understand.entities import Mention, find_mentions
from newsdesk.understand.speaker_mention import written_speaker
from newsdesk.understand.speaker_naming import mention_named, resolve_speaker
from newsdesk.understand.title_names import title_names
from newsdesk.understand.turn_labels import glued_label_people

__all__ = ["Annotator", "annotate_doc", "resolve_speaker", "written_speaker"]


class Annotator:
    """Entities and quotes for English articles, with the shared spaCy pipeline; a French article's
    entities through `annotate_fr` (coverage.py says which stage reads which language)."""

    def __init__(self) -> None:
        self.nlp = nlp.load_nlp()

    def annotate(self, article: Article) -> Article:
        if article.language not in READ or not article.text.strip():
            return article
        if article.language == "fr":  # French is read by its own code (annotate_fr), never the English path
            from newsdesk.understand.french import annotate as annotate_fr

            return annotate_fr.annotate_doc_fr(article, nlp.parse(article.text, "fr"))
        doc = nlp.parse(article.text)
        return annotate_doc(article, doc)


def annotate_doc(article: Article, doc: Any) -> Article:
    mentions = find_mentions(doc)
    canonicalize(title_names(article, mentions) + mentions)  # the title's names are read, not kept
    glued_label_people(doc, article.text, mentions)
    by_token = {t.i: m for m in mentions for t in m.span}
    doc.user_data[dialogue.TITLE_KEY] = article.title or ""  # an interview's title may name whom it asks
    found = quotes.find_quotes(doc)
    text = article.text  # Doc.text re-joins every token on each access
    page = writer.Page(article.authors, article.title, article.excerpt)  # who the page's own "I" is
    talk = any(f.rule == "line" for f in found) and dialogue.is_dialogue(text)  # once a page, not once a turn
    namings: list[dict[str, Any]] = [{} for _ in found]
    out_quotes = [_quote(doc, text, f, mentions, by_token, page, talk, n) for f, n in zip(found, namings, strict=True)]
    # the learned speaker gate reads how each speaker was named (`speaker_gate`); the tools' CV
    # dumps these features from a run with the gate off
    views = [speaker_gate.features(f.confidence, f.speaker_p, q.speaker, n)
             for f, q, n in zip(found, out_quotes, namings, strict=True)]
    doc.user_data[speaker_gate.FEATURES_KEY] = views
    out_quotes = [q for q, x in zip(out_quotes, views, strict=True) if speaker_gate.keeps(x)]
    entities = tuple(Entity(text=m.text, type=m.type, start=m.start, end=m.end, canonical=m.canonical,
                            role=m.role, country=m.country, metonym=m.place_how == "capital") for m in mentions)
    entities += _writer_entity(page, text, mentions, out_quotes)
    return article.replace(entities=entities, quotes=tuple(out_quotes))


def _writer_entity(page: writer.Page, text: str, mentions: list[Mention], said: list[Quote]) -> tuple[Entity, ...]:
    """The page's writer as a PERSON entity when quotes are theirs by a heading or byline alone
    ("Statement by The Rt Hon Elizabeth Truss MP, Lord Chancellor"): without it their quotes had no
    entity to link to (L2: David Cameron's 20 GOV.UK quotes). Not when the text names them already."""
    if not WRITER_ENTITY or not said:
        return ()
    name, role = writer.page_writer(page, text)
    if name is None or not any(q.speaker == name for q in said):
        return ()
    if mention_named(name, mentions) is not None:
        return ()
    start, end = writer.name_at(name, text)
    return (Entity(text=text[start:end] or name, type="PERSON", start=start, end=end, canonical=name, role=role,
                   heading=start == end),)


def _quote(doc: Any, text: str, f: quotes.Found, mentions: list[Mention], by_token: dict[int, Mention],
           page: writer.Page = writer.NO_PAGE, dialogue: bool = False, naming: dict[str, Any] | None = None) -> Quote:
    """The quote as stored; `dialogue`: the page is an interview or a transcript (`dialogue.is_dialogue`);
    `naming` is filled with how its speaker was named (`resolve_speaker`)."""
    speaker, role = resolve_speaker(doc, f, mentions, by_token, page, naming)
    said = " … ".join(quote_anatomy.without_closing_comma(text[a:b]) for a, b in (f.pieces or [(f.start, f.end)]))
    pieces, cue, who = quote_anatomy.anatomy(doc, text, f, by_token)
    end = f.end
    if pieces and pieces[-1][1] < end and not text[pieces[-1][1]:end].strip(" \n" + quote_anatomy.HANDOVER):
        end = pieces[-1][1]  # the handing-over comma is no more the quote's than it is a piece's
    # a turn of an interview or transcript ("ChristopherHill: …") is the speaker's own words, in
    # quotation marks or not; the filter was fitted on the kind as found, so only the record changes
    kind = "direct" if f.rule == "line" and dialogue else f.kind
    return Quote(text=said, kind=kind, start=f.start, end=end, speaker=speaker,
                 speaker_role=role, cue=f.cue, pieces=pieces,
                 cue_start=cue[0] if cue else None, cue_end=cue[1] if cue else None,
                 speaker_start=who[0] if who else None, speaker_end=who[1] if who else None)
