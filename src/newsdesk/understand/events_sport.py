"""A game's result is no event between states (V5).

"Brazil beat Germany 2-1" names two teams by their countries, and the coder read it as a fight of
BRA against DEU (190); "France defeated Argentina in the final" as a conflict. CAMEO codes what
states and their people do to each other, and a match is neither: a predicate that reports a game's
result (a verb of winning or losing in a sentence that names a game or gives a score) is not coded.
Whatever else the sentence reports stays ("Police arrested 20 fans after Brazil beat Germany 2-1":
the arrest). A sentence of sport whose verb is not a result ("Brazil's coach criticised the
referee") is still coded, and the store skips it (events_unsure, "sport").
"""

from __future__ import annotations

import re
from typing import Any

# (a lemma is one word: "world cup" is read in the sentence's text, `names_a_game`); the store gate's
# test of a sentence of sport too (events_unsure, "sport")
SPORT_WORDS = {"match", "game", "goal", "cup", "coach", "striker", "midfielder", "goalkeeper", "penalty", "league",
               "tournament", "stadium", "championship", "football", "soccer", "referee", "olympics", "medal",
               "kickoff", "semifinal", "quarterfinal"}
# Words that make a verb of winning a game's result, not words that make a sentence sport: "the final"
# and "by six wickets" say who won a match, while "a final offer" or "the derby of politics" are no
# sentences of sport to the store gate.
RESULT_WORDS = {"final", "wicket", "innings"}
# Verbs that report who won a game, whose PETRARCH groups read force or conflict ("beat" 190,
# "defeat" 190, "crush" 190, "rout"...) or a meeting ("face", "play", "host" 04x).
RESULT_VERBS = {"beat", "defeat", "win", "lose", "draw", "thrash", "rout", "trounce", "edge", "overcome", "outplay",
                "hammer", "crush", "down", "eliminate", "knock", "stun", "upset", "tie", "face", "play", "host",
                "overpower", "outclass", "whitewash", "sweep", "humiliate", "dump", "oust"}
# "2-1", "3 - 0", "4–2": a score (not a year's span, "2013-14", nor a decimal)
_SCORE = re.compile(r"(?<![\d.,/-])\d{1,2} ?[-–] ?\d{1,2}(?![\d.,/%-])")


def game_result(tok: Any, sent: Any) -> bool:
    """Whether the predicate `tok` of `sent` reports a game's result: a verb of winning with a word
    of sport or a score ("Brazil beat Germany 2-1"). A score alone does not make a sentence sport
    (the Senate "voted 52-48"); with a verb of winning it is a result, of a game or of a vote, and
    neither is an act of one party on another."""
    if tok.lemma_.lower() not in RESULT_VERBS or tok.pos_ != "VERB":
        return False
    return (names_a_game(sent) or bool(_SCORE.search(sent.text))
            or any(t.lower_ in RESULT_WORDS and t.pos_ == "NOUN" for t in sent))


def names_a_game(sent: Any) -> bool:
    """Whether the sentence speaks of a game: a word of sport."""
    text = sent.text.lower()
    return "world cup" in text or any(t.lemma_.lower() in SPORT_WORDS and t.pos_ in ("NOUN", "PROPN") for t in sent)
