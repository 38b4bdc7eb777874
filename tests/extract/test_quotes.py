"""Direct and reported speech: content, cue, speaker and their spans."""

from __future__ import annotations

from newsweave.extract.entities import find_mentions, make_resolver, merge_entities
from newsweave.extract.quotes import find_quotes, is_speech

from .test_entities import make_article, seed_articles


def one(quotes, **want):
    hits = [q for q in quotes if all(getattr(q, k) == v for k, v in want.items())]
    assert len(hits) == 1, (want, [(q.speaker, q.cue, q.content) for q in quotes])
    return hits[0]


def test_direct_quote_after_speaker_cue_with_spans():
    art = make_article('Lloyd Austin visited the base.\n"We will respond," Mr Austin said on Tuesday.')
    q = one(find_quotes(art), direct=True)
    assert q.content == '"We will respond,"'
    assert q.speaker == "Lloyd Austin" and q.cue == "said"
    raw = art.raw_text
    assert raw[q.evidence.start:q.evidence.end] == q.evidence.text == '"We will respond,"'
    assert raw[q.speaker_evidence.start:q.speaker_evidence.end] == "Mr Austin"
    assert raw[q.cue_evidence.start:q.cue_evidence.end] == "said"


def test_curly_multi_sentence_and_inverted_order():
    art = make_article("“The strikes were necessary. More may follow,” said John Kirby, a Pentagon spokesman.")
    q = one(find_quotes(art))
    assert q.content == "“The strikes were necessary. More may follow,”"
    assert q.speaker_evidence.text.startswith("John Kirby")
    assert q.speaker == "John Kirby"


def test_split_quote_joins_both_parts():
    art = make_article("Lloyd Austin spoke.\n“We do not seek conflict,” Mr Austin added, “but we will act.”")
    q = one(find_quotes(art), direct=True)
    assert q.content == "“We do not seek conflict,” “but we will act.”"
    assert q.evidence.text.startswith("“We do not") and q.evidence.text.endswith("act.”")


def test_cue_before_quote_and_across_paragraphs():
    art = make_article('Kirby said: "The strikes were limited."\n'
                       'On Sunday the spokesman said:\n"Given the attacks, the president acted."')
    quotes = find_quotes(art)
    assert one(quotes, content='"The strikes were limited."').speaker == "Kirby"
    cross = one(quotes, content='"Given the attacks, the president acted."')
    assert cross.speaker_evidence.text == "the spokesman"


def test_indirect_speech_said_that_and_told():
    art = make_article("The Pentagon said that the strikes hit three facilities.\n"
                       "A security official told AFP that two people were killed.")
    quotes = find_quotes(art)
    p = one(quotes, cue="said")
    assert p.speaker == "Pentagon" and not p.direct
    assert p.content == "that the strikes hit three facilities"
    t = one(quotes, cue="told")
    assert t.speaker_evidence.text == "A security official"
    assert t.content == "that two people were killed"


def test_according_to_and_post_posed_cue():
    art = make_article("According to the Syrian Observatory, five fighters were killed.\n"
                       "The facilities stored weapons for the militia, officials said.")
    quotes = find_quotes(art)
    a = one(quotes, cue="According to")
    assert a.speaker_evidence.text == "the Syrian Observatory"
    assert a.content == "five fighters were killed"
    b = one(quotes, cue="said")
    assert b.speaker_evidence.text == "officials"
    assert b.content == "The facilities stored weapons for the militia"


def test_pronoun_takes_most_recent_person_speaker():
    art = make_article("Defence Secretary Lloyd Austin said the strikes were proportionate.\n"
                       "The Pentagon said the sites were used by militias.\n"
                       "“We do not seek conflict,” he said.")
    q = one(find_quotes(art), direct=True)
    assert q.speaker_evidence.text == "he" and q.speaker == "Lloyd Austin"


def test_no_cue_no_quote():
    assert find_quotes(make_article("The strikes hit three sites near the border on Sunday night.")) == []
    # Scare quotes without a speaker are not attributed speech.
    assert find_quotes(make_article('The militia moved into "defensive" positions near the border.')) == []


def test_seed_speakers(seeds_dir):
    arts = seed_articles(seeds_dir)
    entities, _ = merge_entities({aid: find_mentions(a) for aid, a in arts.items()})
    resolve = make_resolver(entities)
    q001 = find_quotes(arts["001"], resolve)
    austin = [q for q in q001 if q.speaker == "Lloyd Austin"]
    assert {q.speaker_evidence.text for q in austin} >= {"Mr Austin", "he"}
    assert any("three facilities" in q.content for q in austin)
    q002 = find_quotes(arts["002"], resolve)
    assert any(q.speaker_evidence.text == "Austin" and q.speaker == "Lloyd Austin" for q in q002)
    q004 = find_quotes(arts["004"], resolve)
    kirby = [q for q in q004 if q.speaker and "Kirby" in q.speaker]
    assert {q.speaker_evidence.text for q in kirby} >= {"Mr. Kirby", "the Pentagon spokesman, John F. Kirby,"}
    assert len({q.speaker for q in kirby}) == 1
    q000 = find_quotes(arts["000"], resolve)
    assert any(q.speaker == "Syrian Observatory for Human Rights" and "five militia fighters" in q.content
               for q in q000)


def _spk(quotes):
    return {(q.speaker_evidence.text if q.speaker_evidence else None, q.cue) for q in quotes}


def test_cognition_intention_and_stance_verbs():
    for text, speaker, cue in [
        ("Maria Lopez believes the council will approve the budget.", "Maria Lopez", "believes"),
        ("The mayor wants the council to approve the budget by June.", "The mayor", "wants"),
        ("The campaign plans to release more records next week.", "The campaign", "plans"),
        ("Senator Jane Roe called for an independent inquiry into the contract.", "Senator Jane Roe", "called for"),
        ("Jane Roe criticized the contract as wasteful and secretive.", "Jane Roe", "criticized"),
        ("A new poll shows the governor trailing by six points.", "A new poll", "shows"),
        ("The union is demanding a new vote on the contract.", "The union", "is demanding"),
    ]:
        assert (speaker, cue) in _spk(find_quotes(make_article(text))), text


def test_participle_and_coordinated_verb_share_the_subject():
    qs = find_quotes(make_article("Jane Roe attacked the contract, saying it would cost the city millions."))
    assert ("Jane Roe", "saying") in _spk(qs)
    qs = find_quotes(make_article("Jane Roe praised the workers and warned that the budget was too small."))
    assert ("Jane Roe", "warned") in _spk(qs)


def test_passives_and_so_called_are_not_cues():
    assert find_quotes(make_article("About one in nine voters is expected to be under 25 this year.")) == []
    assert find_quotes(make_article("The so-called reform movement has faced more pushback this year.")) == []


def test_two_apostrophe_quotation_marks():
    art = make_article("''We will not back down,'' said Rep. John Smith, a Democrat from Ohio.")
    q = one(find_quotes(art), direct=True)
    assert q.speaker_evidence.text.startswith("Rep. John Smith") and q.content.startswith("''We will")


def _speakers(text: str) -> list[str]:
    art = make_article(text)
    return [art.raw_text[q.speaker_evidence.start:q.speaker_evidence.end] for q in find_quotes(art)
            if q.speaker_evidence]


def test_inverted_speaker_with_relative_clause_appositive():
    text = ('The clinic needs more money and staff. "There is a need for more oversight," said Jane Roe, '
            'a Boston lawyer who has been involved in such cases.')
    assert "Jane Roe, a Boston lawyer who has been involved in such cases" in _speakers(text)


def test_inverted_indefinite_speaker_after_unquoted_clause():
    text = "The meeting went badly. The talks deteriorated from there, said one source in the room."
    assert "one source in the room" in _speakers(text)


def test_sentence_initial_subject_keeps_np_appositive_drops_participle():
    sp = _speakers("The school opened last year. Mark Doe, director of the city school board, said the plan "
                   "would fail. Ann Poe, visiting the school on Monday, said it was too small.")
    assert "Mark Doe, director of the city school board" in sp
    assert "Ann Poe" in sp


def test_parenthetical_cue_takes_the_name_not_the_fronted_phrase():
    sp = _speakers("The city held a vote. The new bridge, Mayor Jane Roe said, would open in May.")
    assert "Mayor Jane Roe" in sp


def test_subject_verb_phrase_fallback_and_its_guards():
    sp = _speakers("The senate met on Monday. Senator Jane Roe has endorsed the governor's plan. "
                   "Power plants are the largest source of emissions. The bill was passed by the senate.")
    assert "Senator Jane Roe" in sp
    assert not any(s.startswith(("Power", "The bill")) for s in sp)


def test_is_speech_keeps_reporting_verbs_and_drops_action_verbs():
    quotes = find_quotes(make_article("Senator Jane Roe has launched a new campaign across the state. "
                                      "Senator Jane Roe said the plan would pass next week."))
    by_cue = {q.cue: is_speech(q) for q in quotes}
    assert by_cue.get("said") is True
    assert by_cue.get("has launched") is False, by_cue


def test_subject_after_fronted_conjunction_keeps_appositive():
    sp = _speakers("Parents rallied downtown. But Jane Roe, a teacher at the city school, said parents "
                   "still want neighborhood schools.")
    assert "Jane Roe, a teacher at the city school" in sp


def test_direct_quote_speaker_with_lowercase_modifiers():
    sp = _speakers('The campaign met veterans. "She is ready to lead," retired Army general John Doe said. '
                   'The crowd was small. "We will not stop," panel chairman Rep. Mark Poe said.')
    assert "retired Army general John Doe" in sp
    assert "panel chairman Rep. Mark Poe" in sp


def test_direct_quote_speaker_with_bare_noun_appositive_and_said_of():
    sp = _speakers("The plan was announced. ''It is fiscally responsible,'' Ann Roe, director of the budget "
                   "center, said of the plan.")
    assert "Ann Roe, director of the budget center" in sp


def test_lowercase_modifiers_need_a_full_name_and_no_verb_or_function_word():
    from newsweave.extract._quotes_np import _np_ok
    assert _np_ok("retired Army general John Doe")
    assert not _np_ok("attack on Trump Tower")
    assert not _np_ok("officials warned John Doe")
    assert not _np_ok("retired general Doe")


def test_labelled_transcript_lines_and_dash_signatures():
    art = make_article("WALLACE: Will she be there tomorrow night?\nPENCE: She will not be attending the debate.\n"
                       "“He makes blanket statements about people he knows nothing about.” ― Jane Roe\n"
                       "The Latest: the debate is tomorrow.")
    sp = _speakers_of(art)
    assert {"WALLACE", "PENCE", "Jane Roe"} <= sp
    assert "The Latest" not in sp


def test_quotation_closing_its_sentence_is_not_given_to_the_next_subject():
    art = make_article('South Korea accused the leader of "fanatic recklessness." President Jane Park said his '
                       'mental state is "spiraling out of control."')
    park = [q for q in find_quotes(art) if q.speaker_evidence and q.speaker_evidence.text == "President Jane Park"]
    assert len(park) == 1 and "spiraling" in park[0].content and "fanatic" not in park[0].content


def test_quoted_title_before_the_speaker_is_not_the_speech():
    art = make_article('On "Face the Nation," House Speaker Paul Ryan said the protests demand more listening.')
    ryan = [q for q in find_quotes(art) if q.speaker_evidence and q.speaker_evidence.text.endswith("Paul Ryan")]
    assert len(ryan) == 1 and "protests demand" in ryan[0].content


def test_second_clause_with_its_own_subject_and_closing_source():
    art = make_article("Secretary John Kerry said the talks would resume, and he urged the North to return. "
                       "The van was diverted to avoid bad optics, another source said.")
    quotes = find_quotes(art)
    kerry = one(quotes, cue="said", content="the talks would resume")
    assert kerry.speaker_evidence.text == "Secretary John Kerry"
    assert one(quotes, cue="urged").speaker_evidence.text == "he"
    assert one(quotes, speaker_evidence=next(q.speaker_evidence for q in quotes
                                             if q.speaker_evidence.text == "another source")).cue == "said"


def test_quote_after_said_and_full_stop_continues_the_attribution():
    art = make_article("Jane Roe spoke.\n“The plan is sound,” she said. “It will pass.”")
    q = one(find_quotes(art), direct=True)
    assert q.speaker_evidence.text == "she" and q.evidence.text.endswith("pass.”")


def _speakers_of(art):
    return {q.speaker_evidence.text for q in find_quotes(art) if q.speaker_evidence}


def test_headline_first_line_subject_and_verb():
    for title, speaker in (("Senator Jane Roe Slams Budget Plan As A 'Disaster.'\nThe vote is Friday.",
                            "Senator Jane Roe"),
                           ("City Budget Faces Cuts, Former Mayor Says.\nThe vote is Friday.", "Former Mayor"),
                           ("Teachers' union endorses Roe.\nThe vote is Friday.", "Teachers' union")):
        assert speaker in _speakers_of(make_article(title))
