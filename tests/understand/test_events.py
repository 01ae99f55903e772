"""The event coder on real sentences: actors, CAMEO codes, negation, modality, places, the seed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.records import Article
from newsdesk.understand import cameo, event_classifier
from newsdesk.understand.events import EventCoder
from newsdesk.understand.places import dateline_place, gazetteer

CONTRACT = {"source", "target", "cameo", "root", "quad_class", "goldstein", "plover", "location", "sentence",
            "start", "end", "confidence"}


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


def code(coder: EventCoder, text: str) -> list[dict]:
    return list(coder.code(Article(text=text, language="en")).events)


def pairs(events: list[dict]) -> set[tuple]:
    return {(e["source"]["country"], e["root"], e["target"]["country"]) for e in events}


def test_negotiation_in_a_third_country_is_reciprocal_and_located(coder: EventCoder) -> None:
    events = code(coder, "US and Iranian diplomats held indirect negotiations in Oman on Saturday.")
    assert {("USA", "04", "IRN"), ("IRN", "04", "USA")} <= pairs(events)
    talks = [e for e in events if e["root"] == "04"]
    assert all(e["location"]["country"] == "OMN" and e["location"]["lat"] for e in talks)
    assert talks[0]["source"]["code"] in ("USAGOV", "IRNGOV")


def test_refusing_to_negotiate_is_a_rejection_not_a_negotiation(coder: EventCoder) -> None:
    events = code(coder, "Iran refuses to negotiate its missile program with the United States.")
    first = events[0]
    assert (first["source"]["country"], first["target"]["country"]) == ("IRN", "USA")
    assert first["root"] == "12" and first["quad_class"] == 3
    assert first["plover"]["event"] == "REJECT"


def test_negated_cooperation_is_flagged(coder: EventCoder) -> None:
    events = code(coder, "Russia did not agree to the ceasefire proposed by Ukraine.")
    assert events and events[0]["root"] == "12" and events[0]["negated"]


def test_intention_is_coded_and_flagged(coder: EventCoder) -> None:
    events = code(coder, "Israeli Prime Minister Benjamin Netanyahu is set to press US President Donald Trump "
                         "on his upcoming meeting in Washington.")
    first = events[0]
    assert (first["source"]["code"], first["target"]["code"]) == ("ISRGOV", "USAGOV")
    assert first["root"] in ("02", "10") and first["modality"] == "intended"
    assert first["location"]["country"] == "USA"


def test_material_conflict_with_passive_voice(coder: EventCoder) -> None:
    events = code(coder, "Three Afghan soldiers were killed by Taliban fighters in Kandahar on Monday.")
    first = events[0]
    assert first["quad_class"] == 4 and first["root"] in ("18", "19", "20")
    assert first["target"]["country"] == "AFG"
    assert first["goldstein"] is None or first["goldstein"] < 0


def test_every_event_meets_the_contract(coder: EventCoder) -> None:
    text = ("China condemned the sanctions imposed by the European Union on Monday.\n\n"
            "Police arrested dozens of protesters in Nairobi, Kenyan officials said.")
    article = coder.code(Article(text=text, language="en"))
    assert article.events
    for e in article.events:
        assert set(e) >= CONTRACT
        assert e["plover"]["event"], e
        assert text[e["start"]:e["end"]] == e["sentence"]
        assert 0 < e["confidence"] <= 1
        assert e["cameo"].startswith(e["root"]) and cameo.penta_of(e["cameo"]) is not None


def test_pronoun_takes_the_last_named_person(coder: EventCoder) -> None:
    text = ("Foreign Minister Sergei Lavrov arrived in Ankara on Tuesday. "
            "He accused Turkey of supplying weapons to rebels.")
    events = code(coder, text)
    accusation = [e for e in events if e["sentence"].startswith("He")]
    assert accusation and accusation[0]["source"]["country"] == "RUS"
    assert accusation[0]["target"]["country"] == "TUR"


def test_other_languages_and_empty_articles_are_left_alone(coder: EventCoder) -> None:
    german = Article(text="Iran lehnt Verhandlungen mit den USA ab.", language="de")
    assert coder.code(german) is german
    assert coder.code(Article(text="", language="en")).events == ()


def test_lexicon_and_codebook_basics() -> None:
    assert cameo.verb_code("negotiate") == "046"
    assert cameo.penta_of("190") == 4 and cameo.penta_of("046") == 1 and cameo.penta_of("010") == 0
    assert cameo.quad_class_of("010") == 1 and cameo.quad_class_of("173") == 4
    assert cameo.plover_for("190")["event"] == "ASSAULT"
    assert cameo.plover_for("012") == {"event": "ACCUSE", "mode": None}  # PLOVER has no statement mode
    assert event_classifier.penta_model() is not None


def test_codebook_read_at_run_time(shared_dir: Path) -> None:
    cameo.load_codebook.cache_clear()
    book = cameo.load_codebook()
    assert book.source is not None
    assert cameo.goldstein_of("190") == -10.0 and cameo.label_of("046")
    assert cameo.plover_for("042") == {"event": "CONSULT", "mode": "visit"}
    assert (cameo.valid_code("1213"), cameo.valid_code("109"), cameo.valid_code("046")) == ("121", "100", "046")


def test_gazetteer_prefers_a_city_own_name_and_reads_datelines() -> None:
    g = gazetteer()
    assert g.lookup("Islamabad").country == "PAK"
    assert g.lookup("Oman").kind == "country" and g.lookup("Oman").lat is not None
    assert g.lookup("US").country == "USA"
    place = dateline_place("GENEVA (Reuters) - Talks resumed on Monday.")
    assert place is not None and place.country == "CHE"
    assert dateline_place("The talks resumed on Monday.") is None


def test_seed_events_pass_the_checker(coder: EventCoder, shared_dir: Path, tmp_path: Path) -> None:
    lines = (shared_dir / "seed" / "seed.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("In recent weeks"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Recent Posts"))
    body = "\n\n".join(line.strip() for line in lines[start:end] if line.strip() and line.strip() not in
                       ("Advertisement", "News Desk"))
    result = coder.code(Article(text=body, language="en")).to_dict()
    out = tmp_path / "r.json"
    out.write_text(json.dumps(result), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(shared_dir / "seed" / "check.py"),
                           str(shared_dir / "seed" / "expected.json"), str(out), "--only", "events"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


def test_three_parties_meeting_is_every_ordered_pair(coder: EventCoder) -> None:
    events = code(coder, "The US, Russia, and Switzerland met yesterday.")
    parties = {"USA", "RUS", "CHE"}
    assert pairs(events) == {(a, "04", b) for a in parties for b in parties if a != b}


def test_an_adviser_in_apposition_is_not_a_second_party(coder: EventCoder) -> None:
    events = code(coder, "Ali Shamkhani, an adviser to Iran's Supreme Leader, met US envoys in Oman.")
    assert pairs(events) == {("IRN", "04", "USA"), ("USA", "04", "IRN")}


def test_fast_probabilities_equal_the_sparse_matrix_path() -> None:
    import numpy as np
    from scipy.sparse import csr_matrix

    from newsdesk.understand.nlp import parse

    model = event_classifier.penta_model()
    assert model is not None
    doc = parse("Iraqi troops launched an assault on the last ISIS bastion on Thursday. "
                "Kenya and Uganda agreed to share intelligence, officials in Nairobi said.")
    sents = list(doc.sents)
    z = (model._matrix([event_classifier.sentence_views(s) for s in sents]) @ csr_matrix(model.coef.T)).toarray() + model.intercept
    slow = np.exp(z - z.max(axis=1, keepdims=True))
    slow /= slow.sum(axis=1, keepdims=True)
    assert np.allclose(model.predict_proba(sents, cascade=False), slow, atol=1e-9)


def test_cascade_embeds_only_what_the_sparse_gate_is_unsure_of() -> None:
    import numpy as np
    import pytest

    from newsdesk.understand.nlp import parse_many

    model = event_classifier.penta_model()
    if model is None or model.gate is None:
        pytest.skip("embedding model not installed: no cascade")
    texts = ["Iraqi troops launched an assault on the last ISIS bastion on Thursday.",
             "Kenya and Uganda agreed to share intelligence, officials in Nairobi said.",
             "The minister declined to comment on the report.",
             "Protesters gathered outside the embassy as talks over the dam stalled."]
    sents = [d[:] for d in parse_many(texts)]
    gate, full = model.gate.predict_proba(sents), model.predict_proba(sents, cascade=False)
    unsure = event_classifier.needs_embedding(gate)
    got = model.predict_proba(sents)
    assert np.allclose(got[unsure], full[unsure]) and np.allclose(got[~unsure], gate[~unsure])
    assert np.array_equal(event_classifier.needs_embedding(np.array([[0.95, 0.05, 0, 0, 0], [0.5, 0.4, 0.1, 0, 0]]), 0.9, 0.0),
                          [False, True])
    assert event_classifier.needs_embedding(np.array([[0.95, 0.05, 0, 0, 0]]), 0.5, 0.95)[0]  # margin 0.9 < 0.95


def test_names_are_masked_in_the_word_and_character_views() -> None:
    from newsdesk.understand.nlp import parse

    words, _, chars, *_ = event_classifier.sentence_views(parse("Iraqi troops attacked Mosul on Thursday.")[:])
    assert "iraqi" not in words and "mosul" not in words and "attack" in words
    assert "Mosul" not in chars and "attacked" in chars


def test_plover_modes_come_from_the_plover_codebook(shared_dir: Path) -> None:
    import csv

    path = shared_dir / "bench" / "events" / "codebooks" / "ngec" / "PLOVER_structured_codebook_updated.csv"
    with path.open(encoding="utf-8") as fh:
        valid = {(r["event"], r["mode"] or None) for r in csv.DictReader(fh)}
    events = {r["event"] for r in csv.DictReader(path.open(encoding="utf-8"))}
    cameo.load_codebook.cache_clear()
    for code in cameo.load_codebook().labels:
        plover = cameo.plover_for(code)
        assert plover["event"] in events, code
        assert plover["mode"] is None or (plover["event"], plover["mode"]) in valid, (code, plover)


@pytest.mark.parametrize("verb_weight", [0.0, 1.0])
def test_embedding_blocks_are_learned_and_scored_like_the_sparse_views(verb_weight: float) -> None:
    """The sentence embedding block, and with verb_weight the main verb's block after it: each
    carries weight, and the row-by-row scoring path agrees with the sparse-matrix one."""
    import numpy as np
    from scipy.sparse import csr_matrix

    from newsdesk.understand.embed import embed_available
    from newsdesk.understand.nlp import parse_many

    if not embed_available():
        pytest.skip("embedding model not installed")
    texts = ["Troops shelled the town.", "Rebels attacked a convoy.", "The minister praised the deal.",
             "Leaders welcomed the agreement.", "Police raided the camp.", "The envoy hailed the talks."]
    sents = [d[:] for d in parse_many(texts)]
    assert event_classifier.sentence_views(sents[0])[4] == (7, 14)  # "shelled": the main verb's characters
    model = event_classifier.PentaModel(embed_weight=1.0, verb_weight=verb_weight).fit(sents, [4, 4, 1, 1, 4, 1], c=10.0)
    blocks = 2 if verb_weight else 1
    assert model.coef.shape[1] == 3 * 2**event_classifier.HASH_BITS + blocks * 384
    for k in range(blocks):  # each dense block carries weight
        assert np.abs(model.coef[:, 3 * 2**event_classifier.HASH_BITS + k * 384:][:, :384]).sum() > 0
    z = (model._matrix([event_classifier.sentence_views(s) for s in sents]) @ csr_matrix(model.coef.T)).toarray() + model.intercept
    slow = np.exp(z - z.max(axis=1, keepdims=True))
    assert np.allclose(model.predict_proba(sents), slow / slow.sum(axis=1, keepdims=True), atol=1e-6)


def test_verb_block_survives_save_and_load(tmp_path: Path) -> None:
    import numpy as np
    import pytest

    from newsdesk.understand.embed import embed_available
    from newsdesk.understand.nlp import parse_many

    if not embed_available():
        pytest.skip("embedding model not installed")
    sents = [d[:] for d in parse_many(["Troops shelled the town.", "The minister praised the deal.",
                                       "Police raided the camp.", "The envoy hailed the talks."])]
    model = event_classifier.PentaModel(embed_weight=1.0, verb_weight=0.5).fit(sents, [4, 1, 4, 1], c=10.0)
    model.save(tmp_path / "m.npz")
    back = event_classifier.PentaModel.load(tmp_path / "m.npz")
    assert (back.embed_weight, back.verb_weight, back.verb_layer) == (1.0, 0.5, event_classifier.VERB_LAYER)
    assert np.allclose(back.predict_proba(sents), model.predict_proba(sents), atol=1e-5)
