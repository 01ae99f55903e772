from newsdesk.understand.language import detect_language

ENGLISH = ("The talks were meant to address the root causes of their strained relationship, "
           "but the discussions quickly devolved into disagreements.")
PORTUGUESE = "Acho perverso isso da imprensa ficar divulgando fatos e particulares da vida das vítimas do desastre."


def test_identifies_languages_of_paragraphs():
    assert detect_language(ENGLISH) == "en"
    assert detect_language("Le gouvernement a annoncé mardi une nouvelle réforme des retraites.") == "fr"
    assert detect_language("Die Bundesregierung hat am Dienstag eine neue Rentenreform angekündigt.") == "de"


def test_a_quoted_paragraph_does_not_decide_the_article():
    text = "\n\n".join([ENGLISH, PORTUGUESE, ENGLISH, ENGLISH])
    assert detect_language(text) == "en"


def test_too_little_text_gives_the_declared_language_or_nothing():
    assert detect_language("Hi", hint="en-GB") == "en"
    assert detect_language("Hi") is None
    assert detect_language("") is None
