"""French entities and quotes, third pass (F8, issue 5): negated cues, names read as people against
the words around them, and cues of reported speech the earlier passes missed, on sentences written
for these tests (none is an article's)."""

from __future__ import annotations

from newsdesk.records import Article
from newsdesk.understand import nlp
from newsdesk.understand.french import annotate


def _read(text: str) -> Article:
    return annotate.annotate_doc_fr(Article(text=text, title="", language="fr"), nlp.parse(text, "fr"))


def _types(text: str) -> set[tuple[str, str]]:
    return {(e.type, e.text) for e in _read(text).entities}


def _quotes(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(q.speaker, q.cue, q.text) for q in _read(text).quotes]


# --- negated cues: nobody said it, so no quote ----------------------------------------------------

def test_a_cue_negated_by_ne_pas_is_no_quote():
    assert _quotes("Le ministre n'a pas confirmé que la réforme serait retirée la semaine prochaine.") == []


def test_a_cue_negated_by_ne_jamais_is_no_quote():
    assert _quotes("Il n'a jamais dit que le gouvernement allait démissionner avant les élections.") == []


def test_a_cue_whose_subject_is_nobody_is_no_quote():
    assert _quotes("Aucun responsable n'a confirmé que les négociations reprendraient lundi à Genève.") == []


def test_a_cue_under_a_negated_modal_is_no_quote():
    assert _quotes("Le porte-parole n'a pas voulu confirmer que le président serait candidat en 2027.") == []


def test_ne_que_is_only_not_a_content():
    # "n'a annoncé qu'une hausse": "only a rise", not "announced that"
    assert _quotes("Le ministre n'a annoncé qu'une hausse de deux pour cent des salaires des fonctionnaires.") == []


def test_a_negation_of_the_verb_before_the_cue_keeps_the_quote():
    found = _quotes("Le maire n'a pas manqué de rappeler que la ville avait investi dix millions d'euros.")
    assert [(s, c) for s, c, _ in found] == [("Le maire", "rappeler")]


# --- names read as people against the words around them ------------------------------------------

def test_a_title_set_off_after_its_series_is_a_work():
    found = _types("Le troisième volet de la saga Indiana Jones, Croisade, sort mercredi. Croisade a déjà battu des records.")
    assert ("WORK_OF_ART", "Croisade") in found and not any(t == "PERSON" and n == "Croisade" for t, n in found)


def test_a_hyphenated_company_after_its_noun_and_adjective_is_an_organisation():
    found = _types("Le plan de réduction d'effectifs de la société américaine Harley-Davidson se poursuit en Europe.")
    assert ("ORG", "Harley-Davidson") in found


def test_a_typhoon_set_off_after_its_noun_is_an_event():
    assert ("EVENT", "Bolaven") in _types("Un second typhon, Bolaven, est attendu vendredi sur les côtes.")


def test_a_storm_named_elsewhere_in_the_article_is_no_place():
    found = _types("Le maire reconnait que Sandy a influencé son choix. En effet, la ville de New York a été "
                   "touchée par l'ouragan Sandy qui a ravagé le nord-est du pays.")
    assert ("EVENT", "Sandy") in found and ("GPE", "Sandy") not in found


def test_a_unit_is_no_entity():
    found = _types("La température a atteint 45 degrés Celsius à Bagdad.")
    assert not any(n == "Celsius" for _, n in found) and ("GPE", "Bagdad") in found


def test_a_group_whose_members_the_text_names_is_an_organisation():
    found = _types("Les combattants d'Ansar Dine contrôlent le nord du pays. Ansar Dine a revendiqué l'attaque.")
    assert found == {("ORG", "Ansar Dine")}


def test_the_rebels_of_a_city_leave_the_city_a_place():
    assert ("GPE", "Homs") in _types("Les rebelles de Homs ont repris le contrôle du quartier.")


# --- cues the earlier passes missed ---------------------------------------------------------------

def test_pour_a_person_opening_a_sentence_is_their_view():
    found = _quotes("Pour Marc Dubois, économiste à Lyon, la croissance restera faible cette année.")
    assert found == [("Marc Dubois", "Pour", "la croissance restera faible cette année")]


def test_pour_a_role_noun_opening_a_sentence_is_its_view():
    found = _quotes("Pour le chercheur, la hausse des températures menace déjà les récoltes du pays.")
    assert [(s, c) for s, c, _ in found] == [("le chercheur", "Pour")]


def test_pour_a_time_is_no_source():
    assert _quotes("Pour la première fois, les ventes de voitures électriques ont reculé en Europe.") == []


def test_an_adjective_after_its_noun_is_no_cue_in_the_plural_either():
    assert _quotes("Les niveaux critiques des réserves d'eau inquiètent les agriculteurs de la région.") == []


def test_rapporter_after_a_quotation_is_a_cue():
    found = _quotes("« Nous avons détruit douze drones au-dessus de la mer », rapporte l'armée dans un communiqué.")
    assert [(s, c) for s, c, _ in found] == [("l'armée", "rapporte")]


def test_rapporter_elsewhere_is_earning():
    assert _quotes("La vente du terrain a rapporté deux millions d'euros à la commune cette année.") == []


def test_argumenter_after_a_quotation_is_a_cue():
    found = _quotes("« Sans accord, les salariés paieront le prix fort de la crise », argumente-t-elle.")
    assert [(s, c) for s, c, _ in found] == [("elle", "argumente")]


def test_faire_valoir_que_is_a_cue():
    found = _quotes("La ministre a fait valoir que le budget de la santé augmenterait de dix pour cent.")
    assert found == [("La ministre", "fait", "que le budget de la santé augmenterait de dix pour cent")]


def test_preconiser_de_reports_a_recommendation():
    found = _quotes("Un rapport du Sénat préconise de fermer les centrales les plus anciennes avant 2030.")
    assert [(s, c) for s, c, _ in found] == [("Un rapport du Sénat", "préconise")]


def test_prevoir_que_is_a_cue_and_ne_prevoir_que_is_not():
    found = _quotes("Le texte prévoit que les salariés pourront partir à la retraite dès 62 ans.")
    assert [(s, c) for s, c, _ in found] == [("Le texte", "prévoit")]
    assert _quotes("La loi ne prévoit qu'une sanction financière pour les entreprises fautives.") == []


def test_se_dire_and_an_adjective_unquoted_is_a_cue():
    found = _quotes("Le maire s'est dit satisfait de l'accord conclu avec les commerçants du centre-ville.")
    assert found == [("Le maire", "dit", "satisfait de l'accord conclu avec les commerçants du centre-ville")]


def test_mentionner_takes_a_noun_phrase():
    found = _quotes("L'entraîneur a mentionné la fatigue des joueurs après les trois derniers matchs.")
    assert [(s, c) for s, c, _ in found] == [("L'entraîneur", "mentionné")]


def test_parler_de_is_a_cue_but_not_faire_parler_de_soi_or_en_parlant():
    found = _quotes("Le directeur a parlé de l'avenir de l'usine devant les salariés inquiets.")
    assert [(s, c) for s, c, _ in found] == [("Le directeur", "parlé")]
    assert _quotes("Dès 1980, il fit parler de lui lors du match contre la Bulgarie à Sofia.") == []
    assert _quotes("En parlant des salariés licenciés, le patron a reconnu une erreur.") == []


def test_a_verb_of_a_quotation_end_inverted_after_reported_words_is_a_cue():
    found = _quotes("Le gouvernement doit agir vite pour protéger les salariés, poursuit l'ancien président.")
    assert found == [("l'ancien président", "poursuit", "Le gouvernement doit agir vite pour protéger les salariés")]
    assert _quotes("La police poursuit l'enquête sur la disparition du jeune homme.") == []


def test_a_cue_ending_the_first_sentence_inside_a_quotation_splits_it():
    found = _quotes("« Là-dessus, notre désaccord est total, souligne-t-elle. La CGT a des solutions pour financer "
                    "les retraites. »")
    assert [(s, c) for s, c, _ in found] == [("elle", "souligne")]
    assert "souligne" not in found[0][2] and found[0][2].startswith("Là-dessus")


def test_a_participle_of_consequence_is_no_cue():
    assert _quotes("La Russie a vendu 1,1 million de voitures, confirmant ainsi sa place de premier marché.") == []


def test_reported_words_before_an_inverted_speaker_and_a_participle_phrase():
    found = _quotes("Le pays a besoin de travailleurs étrangers pour se développer, a déclaré le porte-parole du "
                    "gouvernement, Marc Lenoir, dans une interview publiée vendredi.")
    assert found == [("Marc Lenoir", "déclaré", "Le pays a besoin de travailleurs étrangers pour se développer")]


def test_a_quotation_after_a_connective_goes_on_with_the_speaker_before():
    found = _quotes("« Les comptes se sont dégradés en 2022 », note le service statistique. En revanche, « la "
                    "situation des cliniques privées reste favorable », avec un bénéfice net.")
    assert [(s, t) for s, _, t in found][1] == ("le service statistique", "la situation des cliniques privées reste favorable")


def test_que_after_the_cue_opens_the_content_never_an_inverted_subject():
    # the rule for reported words before an inverted subject ("…, a annoncé X") read "qu'il souhaite …"
    # as the speaker of "Jean Martin, qui …" before this
    found = _quotes("Jean Martin, qui rencontrera jeudi le président de la région, affirme qu'il souhaite relancer "
                    "le projet de tramway.")
    assert found == [("Jean Martin", "affirme", "qu'il souhaite relancer le projet de tramway")]
