"""French quotes (F6, issue 5): each construction of French news prose the rules read, on sentences
written for these tests. Names are the model's own (fr_core_news_sm) unless a test passes mentions."""

from __future__ import annotations

import pytest

from newsdesk.understand import nlp
from newsdesk.understand.french import quote_marks, quotes

NBSP = "\u00a0"


def _quotes(text: str):
    return quotes.find_quotes(nlp.parse(text, "fr"))


def _said(text: str, q) -> list[str]:
    return [text[a:b] for a, b in q.pieces]


def _only(text: str):
    found = _quotes(text)
    assert len(found) == 1, [(q.text, q.speaker) for q in found]
    return found[0]


def test_guillemets_with_non_breaking_spaces_and_an_inverted_clitic():
    text = (f"Le ministre de l'Agriculture, Paul Lenoir, a visité la foire de Rennes mardi. «{NBSP}Nous ne "
            f"céderons rien sur les prix{NBSP}», a-t-il affirmé devant les éleveurs.")
    q = _only(text)
    assert (q.kind, q.speaker, q.cue) == ("direct", "Paul Lenoir", "affirmé")
    assert _said(text, q) == ["Nous ne céderons rien sur les prix"]  # no mark, no space of the marks
    assert text[q.speaker_start:q.speaker_end] == "il"


def test_inverted_subject_after_the_quote_and_a_role_noun():
    text = ("La ministre de la Culture, Mme Odile Carpentier, a ouvert le festival. "
            "“Le budget des musées est prêt depuis longtemps”, explique la ministre.")
    q = _only(text)
    assert (q.kind, q.speaker, q.cue) == ("direct", "Odile Carpentier", "explique")
    assert text[q.speaker_start:q.speaker_end] == "la ministre"


def test_straight_quotes_after_a_colon():
    text = 'Le maire Henri Vasseur a déclaré : "Les travaux du pont commenceront en septembre prochain."'
    q = _only(text)
    assert (q.kind, q.speaker, q.cue) == ("direct", "Henri Vasseur", "déclaré")
    assert q.text.startswith("Les travaux du pont")


def test_selon_before_a_quotation_and_after_a_statement():
    text = "Selon Hélène Marchal, « la saison a été exceptionnelle pour les producteurs de lait »."
    q = _only(text)
    assert (q.kind, q.speaker, q.cue) == ("direct", "Hélène Marchal", "Selon")
    text = "La réforme sera votée avant l'été, selon Antoine Roussel."
    q = _only(text)
    assert (q.kind, q.speaker) == ("indirect", "Antoine Roussel")
    assert _said(text, q) == ["La réforme sera votée avant l'été"]


def test_d_apres_reports_the_rest_of_the_sentence():
    text = "D'après Lucien Ferrand, les stocks de fourrage sont presque vides."
    q = _only(text)
    assert (q.kind, q.speaker, q.cue) == ("indirect", "Lucien Ferrand", "D'après")
    assert _said(text, q) == ["les stocks de fourrage sont presque vides"]


def test_a_quote_split_around_its_cue_is_one_quote_in_two_pieces():
    text = ("« La grève continuera jusqu'à lundi », a déclaré Jacques Morel, le délégué syndical. "
            "« Nous ne reculerons pas », a-t-il ajouté, « ni cette semaine ni la suivante ».")
    first, second = _quotes(text)
    assert (first.speaker, second.speaker) == ("Jacques Morel", "Jacques Morel")
    assert _said(text, second) == ["Nous ne reculerons pas", "ni cette semaine ni la suivante"]
    assert second.cue == "ajouté"


def test_a_cue_inside_the_quotation_splits_it():
    text = "Bernard Lemoine est arrivé en retard. « Moi, dit-il, je ne crois pas à ce projet de loi. »"
    q = _only(text)
    assert (q.speaker, q.cue) == ("Bernard Lemoine", "dit")
    assert _said(text, q) == ["Moi", "je ne crois pas à ce projet de loi"]


def test_a_quote_of_several_sentences_and_the_quotation_that_goes_on():
    text = ("« Les aides arriveront en mars. Elles seront versées à tous », a promis Paul Lenoir. "
            "« Aucun éleveur ne sera oublié. »")
    first, second = _quotes(text)
    assert _said(text, first) == ["Les aides arriveront en mars. Elles seront versées à tous"]
    assert (second.speaker, second.cue, second.kind) == ("Paul Lenoir", None, "direct")


def test_reported_speech_with_que_and_a_quoted_complement():
    text = "Nathalie Perrin a dit au Monde que la « confiance » revenait dans le quartier."
    q = _only(text)
    assert (q.kind, q.speaker, q.cue) == ("indirect", "Nathalie Perrin", "dit")
    assert q.text == "que la « confiance » revenait dans le quartier"
    text = "Il a cependant déclaré que « cette décision ne doit pas retarder les travaux du port »."
    q = _only(text)
    assert q.kind == "direct"  # the whole complement is quoted
    assert q.text == "cette décision ne doit pas retarder les travaux du port"


def test_estime_que_with_the_person_in_apposition():
    text = "Le porte-parole du gouvernement, Antoine Roussel, estime que la réforme sera votée avant l'été."
    q = _only(text)
    assert (q.kind, q.speaker, q.cue) == ("indirect", "Antoine Roussel", "estime")


def test_an_infinitive_complement_and_a_reported_noun_phrase():
    text = ("Le maire Henri Vasseur a visité le chantier. Il a affirmé ne pas vouloir augmenter les impôts "
            "locaux. Le syndicat agricole a annoncé une grande manifestation devant la préfecture.")
    inf, plan = _quotes(text)
    assert (inf.speaker, inf.text) == ("Henri Vasseur", "ne pas vouloir augmenter les impôts locaux")
    assert (plan.speaker, plan.text, plan.kind) == ("Le syndicat agricole", "une grande manifestation devant la préfecture",
                                                     "indirect")


def test_a_pronoun_goes_to_the_person_of_its_gender():
    text = ("M. Pierre Garnier a reçu Mme Claire Benoît à la mairie de Lyon. "
            "Le lendemain, elle a déclaré que la rencontre avait été franche.")
    assert _only(text).speaker == "Claire Benoît"
    text = ("Mme Claire Benoît a reçu M. Pierre Garnier à la mairie de Lyon. "
            "Le lendemain, il a déclaré que la rencontre avait été franche.")
    assert _only(text).speaker == "Pierre Garnier"


def test_a_pronoun_after_a_body_that_speaks_is_that_body():
    text = ("Le nouveau gouvernement s'est fixé pour objectif de réviser le budget. "
            "Il a cependant déclaré que la révision ne doit pas menacer la croissance du pays.")
    q = _only(text)
    assert q.speaker == "Le nouveau gouvernement"


def test_relative_qui_is_the_name_it_follows():
    text = ("Le rapport a été remis à Arnaud Lefort, le président du conseil régional, qui a déclaré "
            "que les comptes seraient publiés.")
    assert _only(text).speaker == "Arnaud Lefort"


@pytest.mark.parametrize("text", [
    "Rappelons que la ville compte dix mille habitants depuis le dernier recensement.",  # the writer's aside
    "Il a été dit que le projet serait abandonné avant la fin de l'année.",  # a passive cue: nobody's words
    "La « Fête des voisins » aura lieu en juin dans tout le quartier.",  # a title in guillemets
    "Ils manifestent pour exiger que le gouvernement retire la réforme.",  # a purpose, not a statement
])
def test_no_quote(text):
    assert _quotes(text) == ()


def test_a_cue_inside_quotation_marks_is_the_quoted_words():
    text = "« Je vous dis que tout ira bien demain », a déclaré Jacques Morel."
    q = _only(text)
    assert (q.speaker, q.cue) == ("Jacques Morel", "déclaré")


def test_quoted_regions_nest_and_run_to_the_paragraph_end():
    text = "« On a vu 261 cas de « réelle » fraude.\n\nSuite."
    assert quote_marks.quoted_regions(text) == [(0, text.index("\n"))]
    text = 'Un "mot" et « un autre mot »'
    assert [text[a:b + 1] for a, b in quote_marks.quoted_regions(text)] == ['"mot"', "« un autre mot »"]


def test_quote_records_carry_offsets_the_desk_marks():
    text = "« Nous ne reculerons pas devant la menace », a déclaré Jacques Morel."
    q = _only(text)
    assert text[q.start:q.end] == q.text
    assert text[q.cue_start:q.cue_end] == "déclaré"
    assert text[q.speaker_start:q.speaker_end] == "Jacques Morel"


def test_reported_words_before_a_comma_and_an_inverted_cue():
    text = ("Une nouvelle version des billets de banque sera lancée en mai, a annoncé Marc Delorme, "
            "le gouverneur de la banque centrale.")
    q = _only(text)
    assert (q.kind, q.speaker, q.cue) == ("indirect", "Marc Delorme", "annoncé")
    assert q.text == "Une nouvelle version des billets de banque sera lancée en mai"


def test_a_call_is_reported_and_a_thing_calls_for_nothing():
    q = _only("Le maire de Lille, Martine Aubry, appelle à voter pour le candidat socialiste dimanche.")
    assert (q.speaker, q.text) == ("Martine Aubry", "à voter pour le candidat socialiste dimanche")
    assert _quotes("Cet accident tragique appelle à une réflexion sur la sécurité des routes.") == ()


def test_a_participle_opening_the_sentence_takes_the_subject_after_it():
    text = ("Paul Girard a voté contre la loi. Estimant que « la réforme est injuste pour les familles », "
            "il a quitté la salle.")
    q = _only(text)
    assert (q.speaker, q.cue, q.kind) == ("Paul Girard", "Estimant", "direct")


def test_a_pronoun_goes_to_the_speaker_a_role_article_makes_masculine():
    # the model's own gender on a first name is not read: "le porte-parole" says he is a man
    text = ("Jean-Philippe Leroux, le porte-parole du parti, a tenu une conférence. "
            "« Nous voterons contre ce texte », a-t-il précisé.")
    assert _only(text).speaker == "Jean-Philippe Leroux"
