"""A game's result is no event between states (V5).

"Brazil beat Germany 2-1" names two teams by their countries, and the coder read it as a fight of
BRA against DEU (190); "France defeated Argentina in the final" as a conflict. CAMEO codes what
states and their people do to each other, and a match is neither: a predicate that reports a game's
result (a verb of winning or losing in a sentence that names a game or gives a score) is not coded.
Whatever else the sentence reports stays ("Police arrested 20 fans after Brazil beat Germany 2-1":
the arrest). A sentence of sport whose verb is not a result ("Brazil's coach criticised the
referee") is still coded, and the store skips it (events_unsure, "sport").

A verb of winning is a result only when what it beat or won is a team, a player or a game
(`_against_a_side`): "police beat protesters after the match", "the army ousted President Morsi in
what it called a game of power" and "Israel crushed the military wing of Hamas, a goal it set" are
acts, whatever word of sport the sentence holds. A score is two numbers joined by a dash that no
noun follows: "on 12-13 June" and "killing 10-15 soldiers" are a date and a count (review RV1).
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.understand.actors import agent_table

# (a lemma is one word: "world cup" is read in the sentence's text, `names_a_game`); the store gate's
# test of a sentence of sport too (events_unsure, "sport")
SPORT_WORDS = {"match", "game", "goal", "cup", "coach", "striker", "midfielder", "goalkeeper", "penalty", "league",
               "tournament", "stadium", "championship", "football", "soccer", "referee", "olympics", "medal",
               "kickoff", "semifinal", "quarterfinal"}
# Words of sport that are as often words of politics ("with the goal of ending the war", "a cynical
# game", "an Arab League meeting", "a penalty of 2.4 billion euros"): the store gate takes a sentence
# for sport on two of them or one other word of sport ("the game and the coach", "Asian Cup game"), or
# on one of them in a story of sport ("Belgium started the game ..." in a story of the World Cup).
SPORT_AMONG_OTHERS = {"match", "game", "goal", "cup", "coach", "penalty", "league", "medal"}
# A story of sport: this many words only of sport in its text ("football", "World Cup", "striker").
STORY_SPORT_WORDS = 2
# Words that make a verb of winning a game's result, not words that make a sentence sport: "the final"
# and "by six wickets" say who won a match, while "a final offer" or "the derby of politics" are no
# sentences of sport to the store gate.
RESULT_WORDS = {"final", "wicket", "innings"}
# Verbs that report who won a game, whose PETRARCH groups read force or conflict ("beat" 190,
# "defeat" 190, "crush" 190, "rout"...) or a meeting ("face", "play", "host" 04x).
RESULT_VERBS = {"beat", "defeat", "win", "lose", "draw", "thrash", "rout", "trounce", "edge", "overcome", "outplay",
                "hammer", "crush", "down", "eliminate", "knock", "stun", "upset", "tie", "face", "play", "host",
                "overpower", "outclass", "whitewash", "sweep", "humiliate", "dump", "oust"}
# What a game is won against or won, when a common noun: a game, a side, a prize, a vote's object.
# "beat protesters", "crushed the protests", "hosted the summit" name no such thing.
GAME_OBJECTS = SPORT_WORDS | RESULT_WORDS | {
    "title", "trophy", "gold", "silver", "bronze", "race", "series", "tie", "round", "set", "point", "team", "side",
    "club", "squad", "host", "champion", "holder", "visitor", "rival", "opponent", "debutant", "newcomer", "underdog",
    "favourite", "favorite", "award", "prize", "kick", "vote", "election", "ballot", "referendum", "motion", "seat"}
# "2-1", "3 - 0", "4–2": a score (not a year's span, "2013-14", nor a decimal); a full stop or a comma
# after it ends the sentence or a clause ("beat Germany 2-1.", "2-1, and ..."), not a decimal ("2-1.5")
_SCORE = re.compile(r"(?<![\d.,/-])\d{1,2} ?[-–] ?\d{1,2}(?![\d%-]|[.,/]\d)")


def game_result(tok: Any, sent: Any) -> bool:
    """Whether the predicate `tok` of `sent` reports a game's result: a verb of winning, against a
    side or a game (`_against_a_side`), with a word of sport or a score ("Brazil beat Germany 2-1").
    A score alone does not make a sentence sport (the Senate "voted 52-48"); with a verb of winning
    it is a result, of a game or of a vote, and neither is an act of one party on another."""
    if tok.lemma_.lower() not in RESULT_VERBS or tok.pos_ != "VERB" or not _against_a_side(tok):
        return False
    return bool(_sport_words(sent)) or _has_score(sent) or any(_result_word(t) for t in sent)


def _result_word(tok: Any) -> bool:
    """Whether a token is a word of `RESULT_WORDS` heading its phrase: "by six wickets" (a plural),
    "in the final" (which spaCy tags an adjective); not "the final round of talks" (a modifier)."""
    named = tok.lower_ in RESULT_WORDS or tok.lemma_.lower() in RESULT_WORDS
    return named and (tok.pos_ == "NOUN" or tok.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass"))


def _against_a_side(tok: Any) -> bool:
    """Whether the verb's direct object, if it has one, can be what a game is won against or won: a
    pronoun, a name with no role word before it (a team, a player: "Germany", "Spain's Rafael Nadal";
    not "President Mohamed Morsi", while "the Man of the Match award" is a prize) or a noun of
    `GAME_OBJECTS`. With none ("Brazil won 2-1") it can."""
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
    if obj is None or obj.pos_ == "PRON":
        return True
    if obj.pos_ == "PROPN":
        agents = agent_table()
        return not any(t.lower_ in agents or t.lemma_.lower() in agents for t in obj.subtree if t.i < obj.i)
    return obj.lemma_.lower() in GAME_OBJECTS


def _has_score(sent: Any) -> bool:
    """Whether the sentence gives a score: a `_SCORE` no noun or number follows ("beat Germany 2-1 in
    Rio", "6-4 6-3"), not a date ("on 12-13 June", "on June 12-13,": spaCy's DATE) or a count
    ("killing 10-15 soldiers")."""
    for found in _SCORE.finditer(sent.text):
        start, end = sent.start_char + found.start(), sent.start_char + found.end()
        first = next((t for t in sent if t.idx >= start), None)
        after = next((t for t in sent if t.idx >= end and not t.is_space), None)
        if first is not None and first.ent_type_ in ("DATE", "TIME"):
            continue
        if after is None or after.pos_ not in ("NOUN", "PROPN", "NUM"):
            return True
    return False


def names_a_game(sent: Any) -> bool:
    """Whether the sentence speaks of a game (the store gate's test): a word only of sport, two of
    `SPORT_AMONG_OTHERS`, or one in a story of sport (its Doc, `STORY_SPORT_WORDS`). A verb of winning
    asks less (`game_result`): its object is a side already."""
    words = _sport_words(sent)
    if words - SPORT_AMONG_OTHERS or len(words) >= 2:
        return True
    return bool(words) and len(_sport_words(sent.doc) - SPORT_AMONG_OTHERS) >= STORY_SPORT_WORDS


def _sport_words(tokens: Any) -> set[str]:
    """The words of sport in a sentence or a Doc ("world cup" one of them)."""
    words = {t.lemma_.lower() for t in tokens if t.lemma_.lower() in SPORT_WORDS and t.pos_ in ("NOUN", "PROPN")}
    return words | ({"world cup"} if "world cup" in tokens.text.lower() else set())
