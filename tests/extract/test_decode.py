"""Legacy single-byte pages decode to the text they were written in."""

from __future__ import annotations

import json

import pytest

from newsdesk.errors import Rejected
from newsdesk.extract.decode import decode_bytes


def _corpus_texts(shared_dir, language: str) -> list[str]:
    corpus = shared_dir / "corpus"
    rows = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text().splitlines() if line]
    texts = []
    for row in rows:
        path = corpus / row["path"]
        if row.get("language") != language or path.suffix not in (".html", ".htm") or not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        if not text.isascii():
            texts.append(text)
    return texts


@pytest.mark.parametrize("label", [None, "text/html; charset=utf-8"])
def test_french_pages_in_windows_1252_decode_as_written(shared_dir, label: str | None) -> None:
    # The corpus's French pages saved as windows-1252 (Latin-1's superset), unlabelled or
    # falsely labelled utf-8. They used to come out as ISO-8859-13 or cp1257 ("crème" as
    # "crčme") whenever the detector's noise put a Baltic code page a hair ahead.
    texts = [t for t in _corpus_texts(shared_dir, "fr") if _fits(t, "cp1252")]
    assert len(texts) >= 50
    wrong = [t[:80] for t in texts if decode_bytes(t.encode("cp1252"), label) != t]
    # Two pages in a hundred may still lose to a cleaner-scoring code page (see decode.CP1252_MARGIN);
    # one of the 99 does today (Vendée Globe: cp1257 scores 0.000, cp1252 0.011), the old rule lost 20.
    assert len(wrong) <= len(texts) // 50, wrong


def _fits(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def test_central_european_page_keeps_its_code_page() -> None:
    # The web's cp1252 prior must not swallow text another code page reads clearly better.
    text = ("<html><body><p>Příliš žluťoučký kůň úpěl ďábelské ódy. Zažloutlý kůň, příšerně "
            "žluťoučký, úpěl ďábelské kódy; čeština má háčky a čárky.</p></body></html>")
    assert decode_bytes(text.encode("cp1250")) == text


POLISH = ("<html><head><title>Wiadomości</title></head><body><h1>Śnieg w Łodzi</h1>"
          "<p>Władze miasta ogłosiły wczoraj, że śnieżyca, która sparaliżowała ruch w całym regionie, "
          "ustąpi dopiero w środę. Źródła w urzędzie mówią, że służby pracują całą dobę, a szkoły "
          "pozostaną zamknięte aż do końca tygodnia. Mieszkańcy skarżą się na brak soli na chodnikach."
          "</p></body></html>")


@pytest.mark.parametrize("label", [None, "text/html; charset=utf-8"])
def test_polish_page_in_iso_8859_2_decodes_as_written(label: str | None) -> None:
    # ISO-8859-2 and cp1250 differ on ą, ś, ź (and capitals): the detector scored the reading
    # "Ķnieg w Ģodzi ... ŋe" (ISO-8859-14) as clean as the right one; the language check does not.
    assert decode_bytes(POLISH.encode("iso8859-2"), label) == POLISH
    assert decode_bytes(POLISH.encode("cp1250"), label) == POLISH


@pytest.mark.parametrize("label", [None, "text/html; charset=utf-8"])
def test_english_page_with_loan_words_in_cp1252_decodes_as_written(label: str | None) -> None:
    # The language check once read "ministères" on an English page as "ministшres" (cp1125) or
    # "ministŔres" (cp852): those looked no less English. English pages keep the cp1252 prior.
    text = ("<html><body><p>The foreign ministers met in Paris, where the ministères had prepared a "
            "draft. Officials at the café near the Quai d'Orsay said the ministères would publish it; "
            "the Zürich delegation, the Nestlé lobbyists and the ministères' own staff agreed.</p>"
            "<p>Further talks are planned for next week, officials said.</p></body></html>")
    assert decode_bytes(text.encode("cp1252"), label) == text


@pytest.mark.xfail(strict=True, reason="known limit: English pages keep the cp1252 prior (the language "
                   "check misread loan words on them), so English pages in ISO-8859-7 stay wrong")
def test_pages_in_iso_8859_7_decode_as_written(shared_dir) -> None:
    # The corpus's pages that ISO-8859-7 (Greek) can hold and whose bytes differ from cp1253's:
    # its curly quotes are cp1253's "΅" and "Ά". All 12 came out as cp1253 (or cp775, cp850)
    # before the language check; 10 decoded exactly with it, 0 since English pages are left out.
    texts = [t for lang in ("en", "fr", "de") for t in _corpus_texts(shared_dir, lang)
             if _fits(t, "iso8859-7") and t.encode("iso8859-7") != _cp1253(t)]
    assert len(texts) >= 10
    wrong = [t[:80] for t in texts if decode_bytes(t.encode("iso8859-7")) != t]
    assert len(wrong) <= len(texts) // 5, wrong


def _cp1253(text: str) -> bytes | None:
    try:
        return text.encode("cp1253")
    except UnicodeEncodeError:
        return None


@pytest.mark.xfail(strict=True, reason="known limit: a few capital Ά (cp1253 reads ¶) among fifty Greek "
                   "words move the page's log-odds by ~0.5, under decode.LANGUAGE_ODDS")
def test_greek_page_in_iso_8859_7_whose_only_clue_is_capital_alpha_tonos() -> None:
    text = ("<html><head><title>Ειδήσεις</title></head><body><h1>Άνοιξη στην Αθήνα</h1>"
            "<p>Ο δήμαρχος της Αθήνας ανακοίνωσε χθες ότι οι εργασίες στην πλατεία Συντάγματος θα "
            "ολοκληρωθούν ως το τέλος του μήνα. «Άμεση προτεραιότητα είναι η ασφάλεια των πεζών», "
            "είπε. Άλλα έργα, όπως η ανάπλαση της οδού Πανεπιστημίου, θα αρχίσουν το φθινόπωρο.</p></body></html>")
    assert decode_bytes(text.encode("iso8859-7")) == text


def test_a_stray_nul_is_dropped_not_taken_for_binary() -> None:
    """One NUL in a page (broken CMS output) refused the whole article as binary content."""
    page = "<html><head><title>Ferry</title></head><body>" + "<p>The ferry runs late again.</p>" * 10 + "</body></html>"
    assert decode_bytes(page.replace("runs", "ru\x00ns", 1).encode()) == page
    for binary in (page.encode("utf-16-le"), b"%PDF-1.4\n" + bytes(range(256)) * 20):
        with pytest.raises(Rejected):
            decode_bytes(binary)
