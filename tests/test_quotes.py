"""The quotes stage: quotation marks, speakers, cues and sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from parley import actors, quotes
from parley import nlp as parley_nlp
from parley.records import Actor, Quote

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def model() -> Language:
    return parley_nlp.load()


def _actor(doc: Doc, actor_id: str, *surfaces: str) -> Actor:
    """A hand-built actor mentioned wherever one of ``surfaces`` occurs in the text."""
    mentions = []
    for surface in surfaces:
        start = doc.text.find(surface)
        while start != -1:
            mentions.append((start, start + len(surface)))
            start = doc.text.find(surface, start + 1)
    return Actor(actor_id, surfaces[0], None, None, None, tuple(sorted(mentions)))


def _name(name: str) -> str:
    """A name compared without case or a leading article ("A senior US official")."""
    words = name.lower().split()
    return " ".join(words[1:] if words[:1] in (["a"], ["an"], ["the"]) else words)


def _only(found: tuple[Quote, ...], starts: str) -> Quote:
    hits = [q for q in found if q.text.startswith(starts)]
    assert len(hits) == 1, found
    return hits[0]


# ---------------------------------------------------------------- quotation marks


def _spans(text: str) -> list[str]:
    return [quotes._quote_text(text, span) for span in quotes._quoted_spans(text)]


def test_curly_and_straight_marks_with_apostrophes_inside() -> None:
    text = 'He said “we don’t agree,” and she said "it\'s over" today.'
    assert _spans(text) == ["we don’t agree", "it's over"]


def test_quote_inside_quote_stays_in_the_outer_quote() -> None:
    text = "“They call it ‘a historic day’ but it is not,” he said."
    assert _spans(text) == ["They call it ‘a historic day’ but it is not"]


def test_single_marks_as_main_quotes_but_not_apostrophes() -> None:
    text = "Xi’s aides said ‘the door is open’ to talks. The countries’ leaders met."
    assert _spans(text) == ["the door is open"]


def test_quote_reopened_in_the_next_paragraph_is_one_quote() -> None:
    text = "“We will not back down.\n\n“We will fight on,” he said.\n\nOther news."
    [span] = quotes._quoted_spans(text)
    assert text[span.start : span.end].startswith("We will not")
    assert quotes._quote_text(text, span) == "We will not back down.\n\nWe will fight on"


def test_curly_marks_inside_a_straight_quote_stay_inside() -> None:
    text = (
        'Ward stated:\n\n"It is not about “Equal Justice” anymore, it is about power.\n\n'
        '"The latest example is the “Bathroom Bill,” which lets owners decide."\n\nOther news.'
    )
    assert _spans(text) == [
        "It is not about “Equal Justice” anymore, it is about power.\n\n"
        "The latest example is the “Bathroom Bill,” which lets owners decide."
    ]


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "“We will not back down, he said.\n\nThe talks resumed on Monday."
    assert _spans(text) == ["We will not back down, he said."]


# ---------------------------------------------------------------- attribution


def test_speaker_named_after_the_quote(model: Language) -> None:
    doc = model(
        "The talks were “frank, substantive and constructive,” said State Department "
        "spokesman Matthew Miller."
    )
    miller = _actor(doc, "matthew-miller", "Matthew Miller")
    quote = _only(quotes.find_quotes(doc, (miller,)), "frank")
    assert quote.text == "frank, substantive and constructive"
    assert doc.text[quote.start : quote.end] == quote.text
    assert (quote.direct, quote.speaker, quote.cue) == (True, "matthew-miller", "said")
    assert quote.speaker_text == "State Department spokesman Matthew Miller"


def test_pronoun_speaker_resolves_through_actor_mentions(model: Language) -> None:
    doc = model("A senior US official spoke to reporters. “It was a real conversation,” he said.")
    he = doc.text.index(" he said") + 1
    official = Actor(
        "official", "A senior US official", "USA", "GOV", None, ((0, 20), (he, he + 2))
    )
    quote = _only(quotes.find_quotes(doc, (official,)), "It was")
    assert (quote.speaker, quote.speaker_text, quote.cue) == ("official", "he", "said")


def test_according_to_gives_the_source_and_a_mixed_quote_keeps_its_cue(
    model: Language,
) -> None:
    doc = model(
        "Qin told Blinken that relations “are at their lowest point in years”, according "
        "to state broadcaster CCTV."
    )
    qin = _actor(doc, "qin", "Qin")
    blinken = _actor(doc, "blinken", "Blinken")
    found = quotes.find_quotes(doc, (qin, blinken))
    quote = _only(found, "are at their lowest")
    assert (quote.direct, quote.speaker, quote.cue, quote.via) == (True, "qin", "told", "CCTV")
    assert all(q.direct for q in found)  # the mixed quote is not also an indirect one


def test_told_a_news_agency_is_the_source(model: Language) -> None:
    doc = model("“We are ready to talk,” the minister told Reuters on Tuesday.")
    quote = _only(quotes.find_quotes(doc, ()), "We are ready")
    assert (quote.speaker_text, quote.cue, quote.via) == ("the minister", "told", "Reuters")


def test_indirect_quote_is_the_reported_clause(model: Language) -> None:
    doc = model("The foreign minister said on Sunday that the talks had been useful.")
    [quote] = quotes.find_quotes(doc, ())
    assert (quote.direct, quote.text, quote.cue) == (False, "the talks had been useful", "said")
    assert quote.speaker_text == "The foreign minister"


def test_quote_standing_alone_continues_the_previous_speaker(model: Language) -> None:
    doc = model(
        "“The Taiwan issue is the core of our interests,” Qin said. "
        "“Nobody should underestimate our resolve to defend it.”"
    )
    qin = _actor(doc, "qin", "Qin")
    found = quotes.find_quotes(doc, (qin,))
    assert [q.speaker for q in found] == ["qin", "qin"]


def test_quote_content_is_not_its_own_speaker(model: Language) -> None:
    doc = model("The statement ended there. “We told them we would never accept this deal.”")
    quote = _only(quotes.find_quotes(doc, ()), "We told them")
    assert quote.speaker_text is None and quote.speaker is None


def test_short_unattributed_phrases_are_not_quotes(model: Language) -> None:
    doc = model("She appeared on “Saturday Night Live” and called for “calm.”")
    assert quotes.find_quotes(doc, ()) == ()


def test_speaker_from_a_colon_introduction(model: Language) -> None:
    doc = model(
        "The ministry issued a statement on Monday:\n\n“China firmly opposes any "
        "interference in its internal affairs.”"
    )
    quote = _only(quotes.find_quotes(doc, ()), "China firmly")
    assert quote.speaker_text == "The ministry"


def test_time_or_dateline_is_not_the_speaker(model: Language) -> None:
    doc = model(
        "4:15 p.m.\n\nVeteran senator Joan Harper said: “We will keep fighting for this bill "
        "until it passes.”"
    )
    quote = _only(quotes.find_quotes(doc, ()), "We will keep")
    assert quote.speaker_text == "Veteran senator Joan Harper"


def test_speaker_with_an_apposition_after_the_quote(model: Language) -> None:
    doc = model("“We will not back down on this,” Ramirez, 61, told AFP in Lima on Monday.")
    quote = _only(quotes.find_quotes(doc, ()), "We will not")
    assert quote.speaker_text == "Ramirez"


def test_any_verb_right_after_the_quote_reports_it(model: Language) -> None:
    doc = model(
        "“That is simply not true and everybody here knows it,” Harper shot back. "
        "The crowd cheered."
    )
    quote = _only(quotes.find_quotes(doc, ()), "That is simply")
    assert quote.speaker_text == "Harper"


def test_quote_split_by_its_attribution_keeps_one_speaker(model: Language) -> None:
    doc = model(
        "“The danger,” said Paul Okafor, an economist at the central bank, “is that prices "
        "keep rising for another year.”"
    )
    found = quotes.find_quotes(doc, ())
    assert _only(found, "is that prices").speaker_text == "Paul Okafor"


def test_cue_in_the_next_paragraph_does_not_report_the_quote(model: Language) -> None:
    doc = model(
        "“We are ready,” Qin said. “Nobody should doubt our resolve to defend it.”\n\n"
        "Blinken, who met Qin for five hours, said the talks were useful."
    )
    qin = _actor(doc, "qin", "Qin")
    blinken = _actor(doc, "blinken", "Blinken")
    quote = _only(quotes.find_quotes(doc, (qin, blinken)), "Nobody should")
    assert quote.speaker == "qin"


def test_headline_name_and_colon_introduce_the_quote(model: Language) -> None:
    doc = model("Warren: “Trump Is a Failure in Business and in Life”\n\nThe senator spoke.")
    quote = _only(quotes.find_quotes(doc, ()), "Trump Is")
    assert quote.speaker_text == "Warren"


def test_beliefs_intentions_and_stances_are_attributions(model: Language) -> None:
    doc = model(
        "Sanders believes the primary system is rigged. The governor wants to raise taxes "
        "on banks. Cruz endorsed the new trade agreement."
    )
    found = {q.text: q for q in quotes.find_quotes(doc, ())}
    assert found["the primary system is rigged"].speaker_text == "Sanders"
    assert found["to raise taxes on banks"].speaker_text == "The governor"
    assert found["the new trade agreement"].speaker_text == "Cruz"
    assert not any(q.direct for q in found.values())


def test_according_to_gives_an_indirect_attribution(model: Language) -> None:
    doc = model("The talks collapsed late on Monday, according to two European diplomats.")
    [quote] = quotes.find_quotes(doc, ())
    assert quote.text == "The talks collapsed late on Monday"
    assert (quote.direct, quote.cue, quote.speaker_text) == (
        False,
        "according to",
        "two European diplomats",
    )


def test_empty_doc(model: Language) -> None:
    assert quotes.find_quotes(model(""), ()) == ()


# ---------------------------------------------------------------- the founding example


def test_seed_quotes_with_real_actors(model: Language) -> None:
    seed = SHARED / "examples" / "seed.txt"
    if not seed.exists():
        pytest.skip("../shared is not beside the repository")
    text = seed.read_text(encoding="utf-8").split("\n", 1)[1].strip()
    expected = json.loads((SHARED / "examples" / "seed.expected.json").read_text())["quotes"]
    doc = model(text)
    found_actors = actors.find_actors(doc, None)
    names = {a.id: a.name for a in found_actors}
    found = quotes.find_quotes(doc, found_actors)
    for want in expected:
        quote = _only(found, want["starts"])
        assert doc.text[quote.start : quote.end] == quote.text
        allowed = {_name(want["speaker"]), *map(_name, want.get("also_speaker", []))}
        assert _name(names.get(quote.speaker or "", "")) in allowed, (want, quote)
        if "via" in want:
            assert quote.via is not None
            assert quote.via.replace("’", "'") == want["via"], quote


# ---------------------------------------------------------------- issue 6 rules


def test_straight_quote_closes_after_an_inner_single_mark() -> None:
    text = '"She said she would be \'above the law,\' " said Lee. "That worries us a lot."'
    assert _spans(text) == ["She said she would be 'above the law,'", "That worries us a lot."]


def test_according_to_before_the_quote_names_the_source(model: Language) -> None:
    doc = model("According to the paper, “Cheap guns let dealers sell weapons to almost anyone.”")
    quote = _only(quotes.find_quotes(doc, ()), "Cheap guns")
    assert (quote.speaker_text, quote.cue) == ("the paper", "according to")


def test_name_before_a_colon_after_a_dash_is_the_source(model: Language) -> None:
    doc = model(
        "Pollsters agree - Jane Smith: “One of the biggest lessons was to keep calling "
        "voters late.”"
    )
    assert _only(quotes.find_quotes(doc, ()), "One of").speaker_text == "Jane Smith"


def test_headline_name_and_colon_cover_a_later_quote(model: Language) -> None:
    doc = model("Dr. Ann Stone: Clinton ‘Not Fit To Serve As Mayor Of The Great City.’")
    assert _only(quotes.find_quotes(doc, ()), "Not Fit").speaker_text == "Dr. Ann Stone"


def test_speaker_phrase_with_a_preposition_and_a_noun_tagged_cue(model: Language) -> None:
    doc = model(
        "“They know she is the only one strong enough to stop the abuses,” a narrator in "
        "the ad states."
    )
    assert _only(quotes.find_quotes(doc, ()), "They know").speaker_text == "a narrator"


def test_adding_after_a_reported_clause_keeps_the_reporter(model: Language) -> None:
    doc = model(
        "Moreno said the hearing could be “long and painful,” adding, “Justice takes time.”"
    )
    moreno = _actor(doc, "moreno", "Moreno")
    quote = _only(quotes.find_quotes(doc, (moreno,)), "Justice")
    assert (quote.speaker, quote.speaker_text, quote.cue) == ("moreno", "Moreno", "adding")


def test_quote_paragraph_continues_the_speaker_of_the_paragraph_before(
    model: Language,
) -> None:
    doc = model(
        "Lena Ortiz, a baker from Dayton, joined the governor at the rally.\n\n"
        "Ortiz praised the governor’s record on jobs and schools.\n\n"
        "“We need someone who will fix the roads and bring people together.”"
    )
    ortiz = _actor(doc, "lena-ortiz", "Lena Ortiz", "Ortiz")
    quote = _only(quotes.find_quotes(doc, (ortiz,)), "We need")
    assert (quote.speaker, quote.speaker_text, quote.cue) == ("lena-ortiz", "Ortiz", None)


def test_quote_after_a_sentence_about_a_person_is_theirs(model: Language) -> None:
    doc = model(
        'Gomez touted her record on labor. "We need to find ways to support workers who '
        'care for our parents."'
    )
    quote = _only(quotes.find_quotes(doc, ()), "We need")
    assert quote.speaker_text == "Gomez"


def test_speaker_before_an_insertion_the_parse_left_unlinked(model: Language) -> None:
    doc = model(
        'But Sen. Maria Gomez (D-Ore.), noting the size of the crowd, said, "Let me tell '
        'you, this movement is not going away any time soon."'
    )
    quote = _only(quotes.find_quotes(doc, ()), "Let me")
    assert (quote.speaker_text, quote.cue) == ("Sen. Maria Gomez", "said")


def test_mixed_quote_in_a_reported_clause_is_the_reporters(model: Language) -> None:
    doc = model(
        "Ramirez worried that the program was becoming “a trap that keeps families out of "
        "work for years.”"
    )
    quote = _only(quotes.find_quotes(doc, ()), "a trap")
    assert (quote.speaker_text, quote.cue) == ("Ramirez", "worried")
    doc = model(
        "Her rivals, she said, should not listen to “those who sell fear for a living and "
        "call it courage.”"
    )
    assert _only(quotes.find_quotes(doc, ()), "those who").speaker_text == "she"


def test_questions_views_and_appearances_are_attributions(model: Language) -> None:
    cases = {
        "A reporter asked Ortiz how she felt about the vote.": (
            "how she felt about the vote",
            "A reporter",
        ),
        "Most voters see Gomez as the stronger candidate in November.": (
            "Gomez as the stronger candidate in November",
            "Most voters",
        ),
        "Voters seemed unimpressed by the debate.": ("unimpressed", "Voters"),
    }
    for text, (content, speaker) in cases.items():
        [quote] = quotes.find_quotes(model(text), ())
        assert (quote.direct, quote.text, quote.speaker_text) == (False, content, speaker)
    # "It seems" is nobody's view; "saw" with no "as" is no view either.
    assert quotes.find_quotes(model("It seemed unlikely that the bill would pass."), ()) == ()
    assert quotes.find_quotes(model("Ortiz saw the report on Monday."), ()) == ()


def test_headline_name_and_colon_report_the_headline(model: Language) -> None:
    doc = model(
        "Gomez: Ortiz Plan Would Raise Taxes On Working Families.\n\nThe senator spoke on "
        "Sunday.\n\nCorrection: An earlier version misstated the date of the vote."
    )
    [quote] = quotes.find_quotes(doc, ())
    assert quote.text == "Ortiz Plan Would Raise Taxes On Working Families"
    assert (quote.direct, quote.speaker_text) == (False, "Gomez")


def test_relative_pronoun_speaker_is_the_noun_it_follows(model: Language) -> None:
    doc = model(
        "The crowd cheered for Eric Kingson, who praised “the senator’s honesty and his long "
        "record of public service.”"
    )
    kingson = _actor(doc, "eric-kingson", "Eric Kingson")
    quote = _only(quotes.find_quotes(doc, (kingson,)), "the senator")
    assert (quote.speaker, quote.speaker_text, quote.cue) == ("eric-kingson", "who", "praised")


def test_phrasal_cue_introduces_a_quote(model: Language) -> None:
    doc = model(
        "After the mayor criticized her during the debate, Ortiz shot back, “I could have "
        "stayed home, but I chose to serve this city.”"
    )
    quote = _only(quotes.find_quotes(doc, ()), "I could")
    assert (quote.speaker_text, quote.cue) == ("Ortiz", "shot")


def test_hopes_agreements_evidence_and_labels_are_attributions(model: Language) -> None:
    cases = {
        "Ortiz hopes to win the state by a wide margin.": (
            "Ortiz",
            "to win the state by a wide margin",
        ),
        "Most delegates agreed that the rules should change.": (
            "Most delegates",
            "the rules should change",
        ),
        "A new poll shows a dead heat between Gomez and Ortiz.": (
            "A new poll",
            "a dead heat between Gomez and Ortiz",
        ),
        "Gomez called him a dangerous demagogue.": ("Gomez", "him a dangerous demagogue"),
        "Ortiz declined to comment.": ("Ortiz", "to comment"),
        "Most voters support banning imports from the region.": (
            "Most voters",
            "banning imports from the region",
        ),
        "Gomez urged voters to turn out early.": ("Gomez", "voters to turn out early"),
        "Ortiz wants Congress to fund the bridge.": ("Ortiz", "Congress to fund the bridge"),
    }
    for text, (speaker, content) in cases.items():
        [quote] = quotes.find_quotes(model(text), ())
        assert (quote.direct, quote.speaker_text, quote.text) == (False, speaker, content)
    # Showing a badge or naming a chief of staff reports nobody's view.
    assert quotes.find_quotes(model("He showed his badge to the guard."), ()) == ()
    assert quotes.find_quotes(model("The governor named Ortiz his chief of staff."), ()) == ()


def test_reporting_aside_attributes_its_clause(model: Language) -> None:
    doc = model("Many of the closures, he said, have involved small courses in rural areas.")
    [quote] = quotes.find_quotes(doc, ())
    assert (quote.direct, quote.speaker_text, quote.cue) == (False, "he", "said")
    # the span runs over the aside; its words are the clause around it
    assert quote.text == "Many of the closures, he said, have involved small courses in rural areas"
