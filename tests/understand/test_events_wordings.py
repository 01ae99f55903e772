"""Extra wordings for the pentaclass classifier: PLOVER -> class mapping, the codebook readers,
and the sample weights they are trained with."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

from newsdesk.understand import event_classifier
from newsdesk.understand.events_wordings import (
    SOURCE_WEIGHTS,
    extra_wordings,
    first_sentence,
    plover_pentaclass,
)


def test_plover_events_map_to_the_gold_classes_and_ambiguous_ones_to_none() -> None:
    assert plover_pentaclass("AGREE") == 1 and plover_pentaclass("consult", "visit") == 1
    assert plover_pentaclass("RETREAT", "release") == 2 and plover_pentaclass("AID") == 2
    assert plover_pentaclass("REJECT") == 3 and plover_pentaclass("SANCTION", "CONVICT") == 3
    assert plover_pentaclass("PROTEST", "DEMO") == 4 and plover_pentaclass("ASSAULT", "") == 4
    assert plover_pentaclass("REQUEST", "assist") == 0
    assert plover_pentaclass("REQUEST", "change") is None  # an appeal or a demand: not mapped
    assert plover_pentaclass("ACCUSE", "INVESTIGATE") is None and plover_pentaclass("ACCUSE", "ALLEGE") == 3
    assert plover_pentaclass("NOT-AN-EVENT") is None


def test_first_sentence_stops_at_the_first_full_stop_before_a_capital() -> None:
    assert first_sentence("Troops withdrew from the U.N. zone on Monday.  Officials said\nmore.") == (
        "Troops withdrew from the U.N. zone on Monday.")
    assert first_sentence("No full stop here") == "No full stop here"


def _codebooks(tmp_path: Path) -> Path:
    """A small codebooks directory in the layout of ../shared/bench/events (real files)."""
    ngec = tmp_path / "codebooks" / "ngec"
    ngec.mkdir(parents=True)
    (ngec / "synthetic_headlines.csv").write_text(
        "event,mode,title\nPROTEST,DEMO,Thousands March in {city} Against {country_1}\n"
        "REQUEST,CHANGE,{country_1} asks {country_2} to change course\n", encoding="utf-8")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["disclaimer", "text", "title", "source", "prompt", "label", "mode"])
    writer.writeheader()
    writer.writerow({"text": "Kenya sent food aid to Somalia. It was the third shipment.", "label": "AID", "mode": ""})
    writer.writerow({"text": "Peru said it would look into the claims.", "label": "ACCUSE", "mode": "INVESTIGATE"})
    with zipfile.ZipFile(ngec / "gpt_synthetic_events_2023.csv.zip", "w") as z:
        z.writestr("gpt_synthetic_events_2023.csv", buf.getvalue())
    gold = tmp_path / "gold"
    gold.mkdir()
    records = [{"text": "Arnor rejected the plan.", "events": [{"cameo_code": "120"}]},
               {"text": "Arnor rejected the plan.", "events": [{"cameo_code": "120"}]},
               {"text": "Gondor filed a date.", "events": [{"cameo_code": "---"}]}]
    (gold / "petr_unittest_records_en_synthetic_actors.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return tmp_path / "codebooks"


def test_extra_wordings_read_the_codebooks_and_drop_what_does_not_map(tmp_path: Path) -> None:
    got = extra_wordings(_codebooks(tmp_path))
    assert [(w.text, w.pentaclass, w.source) for w in got] == [
        ("Kenya sent food aid to Somalia.", 2, "story"),
        ("Thousands March in Lyon Against Brazil", 4, "headline"),  # placeholders filled with names
        ("Arnor rejected the plan.", 3, "petr"),  # once, though twice in the file
    ]
    assert [w.source for w in extra_wordings(_codebooks(tmp_path / "b"), sources=("petr",))] == ["petr"]
    assert set(SOURCE_WEIGHTS) >= {w.source for w in got}


def test_real_codebooks_give_thousands_of_wordings_in_every_class_but_statement(shared_dir: Path) -> None:
    books = shared_dir / "bench" / "events" / "codebooks"
    got = extra_wordings(books, sources=("story", "headline"))
    by_class = {k: sum(w.pentaclass == k for w in got) for k in range(5)}
    assert len(got) > 3000 and min(by_class[k] for k in (1, 2, 3, 4)) > 300, by_class
    assert not any("{" in w.text for w in got)


def test_sample_weights_decide_how_much_an_extra_wording_counts() -> None:
    from newsdesk.understand.nlp import parse_many

    texts = ["Troops shelled the town.", "Rebels attacked a convoy.", "The minister praised the deal.",
             "Leaders welcomed the agreement.", "Police raided the camp.", "The envoy hailed the talks.",
             "Rebels rejected the offer.", "The envoy hailed the raid."]
    sents = [d[:] for d in parse_many(texts)]
    labels = [4, 4, 1, 1, 4, 1, 3, 4]
    probe = sents[-1:]
    heavy = event_classifier.PentaModel().fit(sents, labels, c=10.0, weights=[1, 1, 1, 1, 1, 1, 1, 20])
    light = event_classifier.PentaModel().fit(sents, labels, c=10.0, weights=[1, 1, 1, 1, 1, 1, 1, 0.01])
    p_heavy, p_light = heavy.predict_proba(probe)[0], light.predict_proba(probe)[0]
    classes = [1, 3, 4]  # the models' classes, in order
    assert p_heavy[classes.index(4)] > p_light[classes.index(4)] + 0.05
