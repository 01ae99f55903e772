"""French reading: the understand stage for an article in French (`annotate.Annotator.annotate` sends
one here), on spaCy's fr_core_news_sm, giving the same Mention and Quote records as the English side.

The stage, in order (`annotate.annotate_doc_fr`):
- entities: `entities` (the model's names, typed and cleaned by evidence in the text), with
  `roles` (offices and forms of address), `places` (countries, demonyms, cities, bodies, US states),
  `names` (cut, glued and initialled names), `things` (products, sites, works by the noun before them);
- quotes: `quotes` (rules 1, 2 and 5: cues around quotations), `quote_clauses` (rule 3: a cue verb and its
  clause), `quote_sources` (rule 4: "selon X"), on the page of `quote_page` (quotations and sentences from
  `quote_marks`), cue words and negation from `quote_cues`;
- speakers: `speakers` (the subject as written), `speaker_links` (the mention a phrase holds or
  stands beside), `speaker_names` (the entity it names, pronouns included).
Word lists written by hand are in `data/` (each says where it comes from).
"""
