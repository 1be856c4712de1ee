"""Who said what: direct, mixed and indirect quotations, with speaker, cue and source.

A quotation is found in two independent passes over one parsed document:

* **Marks.** One linear scan of the text pairs quotation marks (curly “…”, straight "…",
  guillemets, single ‘…’ at top level) into quoted spans. A quote left open at the end of a
  paragraph and reopened at the start of the next is one quote (the news convention for long
  quotes). Quotes inside quotes stay part of the outer quote.
* **Cue verbs.** A reporting verb ("said", "told", "stressed" ...) with a content clause that
  holds no quotation marks gives an indirect quote ("Qin said the talks ..."); so do beliefs
  ("believes the system is rigged"), intentions ("wants to raise taxes"), stances on an object
  ("endorsed Trump", "called for a recount", "called him a liar"), questions ("asked how
  ..."), appearances ("seemed unimpressed"), views ("see Clinton as ..."), evidence ("a poll
  shows a dead heat"), "..., according to X" and headlines "Graham: Trump Destroying GOP"
  (PolNeAR's notion of an attribution).

Each direct quote is attributed in this order: the cue verb governing the quoted words in the
dependency parse (which covers both "X said “...”" and "“...,” said X"), a cue right after or
right before the quote in the neighbouring sentence, then a name standing next to the quote
without a parse link ("“...,” Ramos, 58, told AFP", "“...,” Trump shot back", headline
"Warren: “...”"), then the subject of the verb the quoted words hang from (mixed quotes of six
words or more; the reporter where that verb sits in a reported clause: "Ryan worried that the
net was becoming “...”"), then the speaker of a quote split by its attribution ("“...,” said
X, “...”"). Quoted words that open a sentence with none of these go on from the last
attribution (direct or indirect) of their paragraph or the paragraph before, or from a person
who is the subject of the sentence just before ("Valastro praised Christie. / “...”"). Cues
across a paragraph break never count, except a colon that introduces the quote. The speaker is
the cue's subject (or, where the parse left the cue without one, the noun phrase ending right
before it), resolved to an actor through ``actors.actor_at`` (so pronouns and surnames resolve
through the actors stage's coreference).
"According to X" and "told Reuters" give the source the words came through (``via``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from parley import actors as actors_stage
from parley import nlp
from parley.records import Actor, Quote


def _lexicon(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Verbs that report speech. The governing verb of a quotation only counts as its cue when its
# lemma is here, so "called it “a disgrace”" or "a film called “Alien”" do not make quotes.
SPEECH_CUES = _lexicon(
    """
    say tell add state claim argue insist warn note explain announce stress emphasize
    emphasise assert declare deny acknowledge admit confirm report reply respond suggest
    predict write tweet post complain allege maintain contend reiterate underline underscore
    repeat vow promise pledge threaten concede recall reveal disclose indicate estimate ask
    answer continue joke quip shout yell scream chant cry exclaim observe remark comment
    conclude caution urge demand tout boast brag lament muse wonder proclaim announce
    testify recount describe mention retort counter rebut charge accuse criticize criticise
    blast slam praise hail thank apologize apologise agree concur dismiss affirm reassure
    acknowledge signal hint predict forecast estimate calculate opine reason object protest
    plead beg pray swear vouch guarantee assure inform advise notify remind murmur whisper
    mutter stammer sigh laugh smile chuckle snap bark grumble confess call dub label brand
    echo quote read surmise fume react rail scoff gush marvel rant interject deadpan sneer
    cite point
    """
)
# Inflected reporting verbs the tagger sometimes takes for nouns or adjectives.
_CUE_FORMS = _lexicon(
    """
    said says told tells tweeted tweets wrote writes added adds asked asks explained
    explains insisted insists stated states declared declares noted notes replied replies
    responded responds continued continues
    """
)
# What an issued or released text is called when its words are quoted.
_STATEMENTS = _lexicon("statement comment comments remark remarks message response reply")
# Verbs that report speech with their particle: "shot back", "chimed in", "lashed out".
_PHRASAL_CUES = {
    "shoot": "back",
    "fire": "back",
    "hit": "back",
    "push": "back",
    "chime": "in",
    "weigh": "in",
    "cut": "in",
    "pipe": "up",
    "lash": "out",
    "speak": "out",
}
# Base forms that are nouns as often as verbs ("the state", "a note").
_BARE_CUE_FORMS = _lexicon("state say tell write note")
# Verbs that name rather than report ("a film called “Alien”", "items labeled “Made in USA”").
_NAMING_CUES = _lexicon("call dub label brand name title")
# Verbs that label somebody, an opinion of them: "called him divisive", "branded it a hoax"
# (naming somebody to a post is not one).
_LABELLING_CUES = _lexicon("call dub label brand")
_NAMED_AS = frozenset({"oprd"})
# Prepositions inside a speaker's phrase: "a voice-over in the ad", "spokesman for X".
_NAME_PREPS = _lexicon("of in at for from with on")
# Verbs whose clause complement is reported speech ("Qin said that ..."); a narrower list, since
# a that-clause after "agree", "hope" or "ensure" is not somebody's words.
INDIRECT_CUES = _lexicon(
    """
    say tell add state claim argue insist warn note explain announce stress emphasize
    emphasise assert declare deny acknowledge admit confirm report reply respond suggest
    predict write tweet post complain allege maintain contend reiterate underline underscore
    repeat vow promise pledge concede recall reveal disclose indicate estimate testify
    conclude caution remark comment observe answer counter retort charge insist
    """
)
# Attitudes PolNeAR counts as attributions: "Sanders believes the system is rigged".
BELIEF_CUES = _lexicon(
    """
    think believe hope fear expect know feel show find worry doubt suspect guess figure
    realize realise recognize recognise understand assume suppose imagine contend predict
    agree
    """
)
# Intentions with an infinitive: "Trump wants to build a wall", "declined to comment on".
INTENT_CUES = _lexicon(
    """
    want plan seek refuse decline hope vow promise pledge threaten intend aim expect
    """
)
# Questions reported as clauses: "asked Sanders how he was feeling", "wondered whether ...".
QUESTION_CUES = _lexicon("ask wonder inquire question")
# Views of something as something: "see Clinton as the stronger candidate".
VIEW_CUES = _lexicon("see view regard")
_VIEW_DEPS = frozenset({"dobj"})
# What polls, records and studies show: "a poll showed a dead heat".
EVIDENCE_CUES = _lexicon("show reveal indicate")
# How things seem to someone: "Trump's supporters seemed unperturbed", "appears to be".
APPEARANCE_CUES = _lexicon("seem appear")
_APPEARANCE_DEPS = frozenset({"xcomp", "acomp", "oprd", "ccomp"})
# The fewest content words by how the content hangs from its cue: an object may be one name
# ("endorsed Trump"), a state one ("seemed unimpressed"), a clause three.
_SHORTEST_CONTENT = {"dobj": 1, "pobj": 1, "acomp": 1, "oprd": 1, "xcomp": 2}
# Stances on something named as the verb's object: "Cruz endorsed Trump", "criticized the
# deal"; PolNeAR annotates these as attributions too.
STANCE_CUES = _lexicon(
    """
    endorse support back criticize criticise accuse praise oppose defend attack reject
    propose condemn denounce blame question announce urge cite describe mention discuss
    slam blast decry mock dismiss welcome applaud deny dispute challenge express
    """
)
# Verbs whose stance goes through a preposition: "talked about", "called for".
STANCE_PREPS: dict[str, tuple[str, ...]] = {
    "talk": ("about",),
    "speak": ("about", "of"),
    "ask": ("about",),
    "call": ("for", "on"),
    "comment": ("on",),
    "complain": ("about",),
    "warn": ("about", "of", "against"),
    "point": ("to",),
    "refer": ("to",),
    "rail": ("against",),
    "argue": ("for", "against"),
    "push": ("for",),
    "advocate": ("for",),
    "vote": ("for", "against"),
}
_OBJECTS = frozenset({"dobj"})
_CCOMP = frozenset({"ccomp"})
_XCOMP = frozenset({"xcomp"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_NAME_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "case", "quantmod"})
_CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})
_WH_TAGS = frozenset({"WDT", "WP$"})
# From a cue to the verb whose subject speaks: "Qin smiled and said", "began by saying".
_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep"})
_NOT_SPEAKERS = frozenset({"there", "that", "this", "what", "which"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
_CLAUSE_ENDERS = frozenset({"as", "while", "before", "after", "with", "\n", "\n\n"})
_NAME_START = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM"})
_PERSON_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_TIME_WORDS = _lexicon(
    """
    a.m. p.m. am pm today yesterday tonight monday tuesday wednesday thursday friday saturday
    sunday morning afternoon evening night week weekend month year
    """
)
# News agencies and outlets: "told Reuters", "in an interview with the Financial Times".
_MEDIA = re.compile(
    r"\b(?:Reuters|AP|AFP|Associated Press|Agence France-Presse|Bloomberg|CNN|BBC|Xinhua|"
    r"CCTV|CGTN|TASS|RIA|Interfax|Al Jazeera|NPR|NBC|CBS|ABC|Fox|MSNBC|Yonhap|Kyodo|NHK|"
    r"Politico|Axios|News|Times|Post|Journal|Daily|Herald|Tribune|Telegraph|Guardian|"
    r"Gazette|Mail|Express|Observer|Economist|Television|TV|Radio|Press|Agency|newspaper|"
    r"broadcaster|news agency|magazine|tabloid|daily|station)\b"
)

_OPENERS = "“„«"
_CLOSERS = "”»"
_MARK_OR_BREAK = re.compile(r"[“”„«»\"‘’]|\n")
_WORD = re.compile(r"\w+")
# A quote shorter than this many words with no speaker is a title or a scare quote, not speech.
MIN_UNATTRIBUTED_WORDS = 6
# The fewest words quoted inside a clause (no reporting verb) that make a quote of its subject.
MIN_HELD_WORDS = MIN_UNATTRIBUTED_WORDS
# What may stand between a cue and the quote it introduces: "told reporters in Beijing “...”".
_BETWEEN_DEPS = frozenset({"dobj", "dative", "npadvmod", "prep", "advmod", "agent"})
# Quotes this short are names or scare quotes unless a cue clearly governs them.
_SHORT_WORDS = 4
# How far (in tokens) a cue may sit after/before a quote in a neighbouring sentence.
_NEAR_TOKENS = 4


@dataclass
class _Marked:
    """A span of text inside quotation marks, before attribution."""

    start: int
    end: int
    reopenings: list[int]  # offsets of the marks reopening the quote in later paragraphs


def find_quotes(doc: Doc, actors: tuple[Actor, ...]) -> tuple[Quote, ...]:
    """Every direct, mixed and indirect quote in ``doc``, in text order."""
    if not len(doc):
        return ()
    index = _TokenIndex(doc)
    marked = _quoted_spans(_doc_text(doc))
    found: list[Quote] = []
    indirect = _indirect_quotes(doc, index, marked, actors)
    previous: Quote | None = None
    for span in marked:
        first, last = index.token_range(span.start, span.end)
        if first > last:
            continue
        quote = _attribute_direct(doc, index, span, first, last, actors)
        if (
            quote.speaker_text is None
            and previous is not None
            and previous.speaker_text is not None
            # "“...,” said Leamer, an economist, “...”": the attribution splits one quote
            and index.para_of[first] == index.para_of[index.token_at(previous.end)]
            and previous.speaker_text in _doc_text(doc)[previous.end : span.start]
        ):
            quote = _with_speaker(quote, previous.speaker, previous.speaker_text, None)
        if quote.speaker_text is None and _starts_sentence(doc, first):
            # Quoted words standing alone go on from the speaker just before: a long speech
            # over paragraphs, "Valastro praised Christie. / “...”".
            earlier = _earlier_speaker(doc, index, first, found, indirect, actors)
            if earlier is not None:
                quote = _with_speaker(quote, *earlier, None)
        if quote.speaker_text is None and _word_count(quote.text) < MIN_UNATTRIBUTED_WORDS:
            continue
        found.append(quote)
        if quote.speaker_text is not None:
            previous = quote
    found.extend(indirect)
    found.extend(_headline_claims(doc, marked, actors))
    found.sort(key=lambda q: q.start)
    return tuple(found)


def _earlier_speaker(
    doc: Doc,
    index: _TokenIndex,
    first: int,
    direct: list[Quote],
    indirect: list[Quote],
    actors: tuple[Actor, ...],
) -> tuple[str | None, str] | None:
    """Speaker (actor id, text) of the last attribution before a quote that opens a sentence
    at token ``first``: in its own paragraph, or in the paragraph before where the quote opens
    a paragraph or follows within two sentences. The subject of the sentence just before
    counts too when it names a person ("Clinton touted her record. “We need ...”")."""
    i = first - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space):
        i -= 1
    if i < 0:
        return None
    paragraph = index.para_of[first]
    opens = index.para_of[i] != paragraph
    start = doc[i].idx
    best: Quote | None = None
    for quote in (*direct, *indirect):
        if quote.speaker_text is None or quote.end > start + 1:
            continue
        q_para = index.para_of[index.token_at(quote.start)]
        near = q_para == paragraph or (
            q_para == paragraph - 1
            and (opens or index.sent_of[first] - index.sent_of[index.token_at(quote.end)] <= 2)
        )
        if near and (best is None or (quote.end, quote.start) > (best.end, best.start)):
            best = quote
    # The subject of the sentence just before, where it names a person after that quote.
    sentence = doc[i].sent
    if index.para_of[i] in (paragraph, paragraph - 1) and (
        best is None or best.end < sentence.start_char
    ):
        subject = next(
            (c for c in sentence.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None
        )
        if subject is not None and (
            subject.ent_type_ == "PERSON" or subject.lower_ in {"he", "she"}
        ):
            start_c, end_c = _mention_bounds(subject)
            actor = actors_stage.actor_at(actors, subject.idx, subject.idx + len(subject))
            actor = actor or actors_stage.actor_at(actors, start_c, end_c)
            return (actor.id if actor else None, _doc_text(doc)[start_c:end_c])
    if best is None:
        return None
    return best.speaker, best.speaker_text or ""


def _doc_text(doc: Doc) -> str:
    """``doc.text``, which spaCy rebuilds from every token on each access, once per doc."""
    return nlp.text_of(doc)


class _TokenIndex:
    """Char offset to token lookups and sentence numbers, built in one pass per document."""

    def __init__(self, doc: Doc) -> None:
        self.starts = [t.idx for t in doc]
        self.sent_of = [0] * len(doc)
        self.sent_bounds: list[tuple[int, int]] = []
        for number, sent in enumerate(doc.sents):
            self.sent_bounds.append((sent.start, sent.end))
            for i in range(sent.start, sent.end):
                self.sent_of[i] = number
        # Paragraph numbers: the parser sometimes hangs a quote on a verb across a paragraph
        # break, which never reports it.
        self.para_of = [0] * len(doc)
        paragraph = 0
        for token in doc:
            self.para_of[token.i] = paragraph
            if token.is_space and "\n" in token.text:
                paragraph += 1

    def token_at(self, char: int) -> int:
        return max(bisect_right(self.starts, char) - 1, 0)

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """First and last token overlapping [start, end)."""
        return self.token_at(start), self.token_at(max(end - 1, start))


# ---------------------------------------------------------------- quotation marks


def _quoted_spans(text: str) -> list[_Marked]:
    """Pair quotation marks into spans of quoted text (offsets exclude the marks)."""
    spans: list[_Marked] = []
    open_at: int | None = None  # offset just after the opening double mark
    single_at: int | None = None  # a top-level ‘ awaiting its ’
    straight = False  # the open quote began with a straight mark
    inner = False  # a curly “ inside a straight quote awaits its ”
    reopenings: list[int] = []
    for match in _MARK_OR_BREAK.finditer(text):
        mark, pos = match.group(), match.start()
        before = text[pos - 1] if pos else " "
        after = text[pos + 1] if pos + 1 < len(text) else " "
        if mark == "\n":
            single_at, inner = None, False
            if open_at is None:
                continue
            following = text[pos + 1 :].lstrip()[:1]
            if following and (following in _OPENERS or following == '"'):
                # Unclosed at paragraph end and reopened: one quote over several paragraphs.
                reopenings.append(len(text) - len(text[pos + 1 :].lstrip()))
                continue
            if pos + 1 < len(text) and text[pos + 1] != "\n" and following:
                continue  # a hard-wrapped line, not a paragraph end
            _close(spans, text, open_at, pos, reopenings)
            open_at, reopenings = None, []
            continue
        if mark in "‘’":
            if open_at is not None:
                continue  # quotes inside quotes belong to the outer quote
            if mark == "‘" and not after.isspace() and (before.isspace() or before in "([—–-"):
                single_at = pos + 1
            elif (
                mark == "’"
                and single_at is not None
                and not before.isspace()
                and not after.isalnum()  # not an apostrophe inside a word ("don’t")
            ):
                _close(spans, text, single_at, pos, [])
                single_at = None
            continue
        if open_at is not None and pos in reopenings:
            continue
        if open_at is not None and straight and (mark == "“" or (inner and mark == "”")):
            # "He said: "It is about “Equal Justice” no more."": curly marks inside a
            # straight quote are a quote inside the quote
            inner = mark == "“"
            continue
        opens = mark in _OPENERS or (
            mark == '"' and not after.isspace() and (before.isspace() or before in "([—–-:")
        )
        closes = mark in _CLOSERS or (
            mark == '"'
            # "... 'above the president,' " said X": the space sets the inner mark apart
            and (not before.isspace() or (pos > 1 and text[pos - 2] in "'’"))
        )
        if mark == "“" and open_at is not None and (after.isspace() or pos + 1 == len(text)):
            opens, closes = False, True  # a closing mark typed as an opening one
        if open_at is not None and closes:
            _close(spans, text, open_at, pos, reopenings)
            open_at, reopenings = None, []
        elif opens:
            open_at, reopenings, single_at = pos + 1, [], None
            straight, inner = mark == '"', False
    if open_at is not None:
        _close(spans, text, open_at, len(text), reopenings)
    return spans


def _close(spans: list[_Marked], text: str, start: int, end: int, reopenings: list[int]) -> None:
    """Record the quoted span, trimmed of spaces and of the trailing comma news style adds."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if _WORD.search(text, start, end) is not None:
        spans.append(_Marked(start, end, [r for r in reopenings if start < r < end]))


def _quote_text(text: str, span: _Marked) -> str:
    """The quoted words, without the marks that reopen a quote in each new paragraph."""
    if not span.reopenings:
        return text[span.start : span.end]
    pieces, cursor = [], span.start
    for mark in span.reopenings:
        pieces.append(text[cursor:mark])
        cursor = mark + 1
    pieces.append(text[cursor : span.end])
    return "".join(pieces)


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


# ---------------------------------------------------------------- attribution


def _attribute_direct(
    doc: Doc,
    index: _TokenIndex,
    span: _Marked,
    first: int,
    last: int,
    actors: tuple[Actor, ...],
) -> Quote:
    short = _word_count(_doc_text(doc)[span.start : span.end]) < _SHORT_WORDS
    introduced = _introducing_name(doc, first)
    cue = None
    if introduced is None:
        cue = _governing_cue(doc, index, first, last, short)
        cue = cue or _nearby_cue(doc, index, first, last)
    quote = Quote(
        text=_quote_text(_doc_text(doc), span),
        start=span.start,
        end=span.end,
        direct=True,
        speaker=None,
        speaker_text=None,
        cue=None,
        via=None,
    )
    if cue is not None:
        quote = _attribute(doc, quote, cue, first, last, actors)
    if quote.speaker_text is None:
        found = introduced or _adjacent_speaker(doc, index, first, last)
        if found is None and _word_count(quote.text) >= MIN_HELD_WORDS:
            found = _headline_speaker(doc, index, first)  # short ones are mostly scare quotes
        if found is None and _word_count(quote.text) >= MIN_HELD_WORDS:
            # Shorter words hung on a verb are mostly titles and scare quotes.
            found = _holder(doc, index, first, last)
        if found is not None:
            speaker_head, cue_text = found
            start, end = _mention_bounds(speaker_head)
            actor = actors_stage.actor_at(actors, speaker_head.idx, speaker_head.idx + 1)
            actor = actor or actors_stage.actor_at(actors, start, end)
            quote = _with_speaker(
                quote, actor.id if actor else None, _doc_text(doc)[start:end], cue_text
            )
    return quote


def _introducing_name(doc: Doc, first: int) -> tuple[Token, None] | None:
    """A source named just before a colon that opens the quote, where no verb reports it:
    "Pollsters agree - Carl Bialik: “...”", "More from the report: “...”", "Here's Clinton
    in 1992: “...”". Such a name overrides a verb earlier in the sentence."""
    colon = first - 1
    while colon >= 0 and (doc[colon].is_quote or doc[colon].is_space):
        colon -= 1
    if colon < 1 or doc[colon].text != ":":
        return None
    j = colon
    while j > 0 and colon - j < 10 and _in_source_name(doc[j - 1]):
        j -= 1
    if j == colon:
        return None
    before = doc[j - 1].lower_ if j > 0 else "\n"
    if before in {"from", "-", "—", "–"} and (before != "-" or doc[j - 1].whitespace_):
        return _last_nominal(doc, j, colon)
    # "Here's X in December 1992:" names X, not the date after it.
    k = j - 1
    while k > 0 and doc[k].lower_ in {"'s", "’s", "is"}:
        k -= 1
    if k < j - 1 and doc[k].lower_ == "here" and (k == 0 or doc[k - 1].is_space):
        end, head = _name_run(doc, j)
        if head is not None and end <= colon:
            return head, None
    return None


def _in_source_name(token: Token) -> bool:
    return token.pos_ in {"PROPN", "NOUN", "DET", "ADJ", "NUM", "ADP", "PRON"} or (
        token.tag_ == "POS"
    )


def _last_nominal(doc: Doc, start: int, end: int) -> tuple[Token, None] | None:
    """The last noun or name of doc[start:end], before any preposition ("CNN President
    On Trump" names CNN's president)."""
    head = None
    for i in range(start, end):
        if doc[i].pos_ == "ADP" and head is not None:
            break
        if doc[i].pos_ in _NOMINAL:
            head = doc[i]
    return (head, None) if head is not None else None


def _headline_speaker(doc: Doc, index: _TokenIndex, first: int) -> tuple[Token, None] | None:
    """A paragraph that opens with a name and a colon is a headline in the news style
    "Carson: Clinton ‘Not Fit to Serve’": the quotes after the colon are the name's."""
    paragraph = index.para_of[first]
    start = first
    while start > 0 and index.para_of[start - 1] == paragraph:
        start -= 1
    while start < first and doc[start].is_space:
        start += 1
    colon = start
    while colon < first and colon - start < 8 and _is_name_or_on(doc[colon]):
        colon += 1
    if colon == start or colon >= first or doc[colon].text != ":":
        return None
    if any(doc[i].text in {".", "!", "?"} for i in range(colon + 1, first)):
        return None  # a sentence ended: the quote is no longer in the headline
    return _last_nominal(doc, start, colon)


def _headline_claims(doc: Doc, marked: Sequence[_Marked], actors: tuple[Actor, ...]) -> list[Quote]:
    """Headlines in the style "Graham: Trump's Rhetoric Destroying GOP's Chance": a paragraph
    opening with a name and a colon reports the rest of the paragraph as the name's claim."""
    found: list[Quote] = []
    for start in range(len(doc)):
        if start and "\n" not in doc[start - 1].text:
            continue
        colon = start
        while colon < len(doc) and colon - start < 6 and _is_name_or_on(doc[colon]):
            colon += 1
        if colon == start or colon >= len(doc) or doc[colon].text != ":":
            continue
        if not any(
            (doc[i].pos_ == "PROPN" or doc[i].ent_type_ in {"PERSON", "ORG"})
            and len(doc[i].text) > 1
            for i in range(start, colon)
        ):
            continue  # "UPDATE:", "Q:", "Poll:" are labels
        if any(doc[i].lower_ in _NEWS_LABELS for i in range(start, colon)):
            continue  # "Correction:", "Follow X:", "Delegate Update:"
        if doc[colon - 1].ent_type_ in {"GPE", "LOC"}:
            continue  # "Iowa: Tim Albrecht, Brad Anderson, ...": a list under a place
        end = colon + 1
        while end < len(doc) and "\n" not in doc[end].text:
            end += 1
        words = [t for t in doc[colon + 1 : end] if not t.is_space]
        while words and words[-1].is_punct:
            words.pop()
        if len(words) < 3:
            continue
        first_c, last_c = words[0].idx, words[-1].idx + len(words[-1])
        if any(q.start < last_c and first_c < q.end for q in marked):
            continue  # quoted words there are already the name's direct quotes
        speaker = _last_nominal(doc, start, colon)
        if speaker is None:
            continue
        head = speaker[0]
        s_start, s_end = _mention_bounds(head)
        actor = actors_stage.actor_at(actors, head.idx, head.idx + len(head))
        actor = actor or actors_stage.actor_at(actors, s_start, s_end)
        found.append(
            Quote(
                _doc_text(doc)[first_c:last_c],
                first_c,
                last_c,
                False,
                actor.id if actor else None,
                _doc_text(doc)[s_start:s_end],
                None,
                None,
            )
        )
    return found


# Words that make a paragraph opening "X:" a label, not a speaker.
_NEWS_LABELS = _lexicon(
    """
    correction corrections update updates follow editor note watch related read photo photos
    video source sources disclosure clarification
    """
)


def _is_name_or_on(token: Token) -> bool:
    return _is_name(token) or token.text in {"On", "on", "."}


def _holder(doc: Doc, index: _TokenIndex, first: int, last: int) -> tuple[Token, str] | None:
    """For words quoted inside a clause with no reporting verb, the subject of the verb they
    hang from: "Clinton opposes “chained CPI”" quotes Clinton's words (PolNeAR's source)."""
    sentences = (index.sent_of[first], index.sent_of[last])
    paragraphs = (index.para_of[first], index.para_of[last])
    for i in range(first, last + 1):
        token = doc[i]
        if first <= token.head.i <= last and token.head.i != token.i:
            continue
        head, steps = token.head, 0
        while head.i != token.i and steps < 4 and index.sent_of[head.i] in sentences:
            if index.para_of[head.i] not in paragraphs:
                return None
            if head.pos_ == "VERB" and not first <= head.i <= last:
                reporter = _reporting_verb(head, first, last)
                lo, hi = sorted((reporter.i, first - 1) if reporter is not None else (0, 0))
                if reporter is not None and not any(t.is_quote for t in doc[lo + 1 : hi]):
                    # "Ryan worried that the net was becoming “a hammock”" (a reporter inside
                    # other quoted words is not this quote's)
                    head = reporter
                subject = _subject(head, first, last)
                return (subject, head.text) if subject is not None else None
            token, head, steps = head, head.head, steps + 1
        return None
    return None


def _reporting_verb(verb: Token, first: int, last: int) -> Token | None:
    """A verb of saying or believing whose reported clause holds ``verb`` ("Trump said that
    Romney begged him"), or one set in it as an aside ("Her countrymen, she said, should")."""
    token, steps = verb, 0
    while steps < 6:
        for child in token.children:
            if (
                child.dep_ == "parataxis"
                and not first <= child.i <= last
                and child.lemma_.lower() in INDIRECT_CUES
                and _subject(child, first, last) is not None
            ):
                return child
        head = token.head
        if head.i == token.i or first <= head.i <= last:
            return None
        if token.dep_ == "ccomp" and head.pos_ == "VERB":
            lemma = _lemma(head)
            if lemma in INDIRECT_CUES or lemma in BELIEF_CUES:
                return head
        if token.dep_ not in {"ccomp", "conj", "xcomp", "advcl", "relcl"}:
            return None
        token, steps = head, steps + 1
    return None


def _adjacent_speaker(
    doc: Doc, index: _TokenIndex, first: int, last: int
) -> tuple[Token, str | None] | None:
    """A speaker named next to the quote where the parse does not link them: "“...,” Ramos,
    58, told AFP", "“...,” said Democrat Elijah Cummings", "“...” / - Hillary Clinton",
    "Trump: ‘...’" (headline style)."""
    i = last + 1
    while i < len(doc) and (doc[i].is_quote or doc[i].text == "," or doc[i].text == " "):
        i += 1
    if i < len(doc) and i > last + 1:
        after = doc[i]
        if _cue_word(after) or (
            after.pos_ == "VERB" and after.tag_ in {"VBD", "VBZ"} and after.is_lower
        ):
            # inverted: "said the woman"; any verb before a name that ends the sentence
            # reports the quote too ("“...,” exhorted the actress.", "read one sign.")
            end, head = _name_run(doc, i + 1)
            closes = end >= len(doc) or doc[end].text in {".", ",", "\n", "\n\n"}
            if head is not None and (closes or _cue_word(after)):
                return head, after.text
        elif after.pos_ in _NAME_START:
            j, head = _name_run(doc, i)
            if head is not None:
                while j < len(doc) and doc[j].pos_ in {"ADV", "AUX", "PART"}:
                    j += 1
                if j < len(doc) and (_cue_word(doc[j]) or _ends_on_verb(doc, j)):
                    return head, doc[j].text
        elif "\n" in after.text or after.text in {"-", "—", "–"}:
            while i < len(doc) and (doc[i].is_space or doc[i].text in {"-", "—", "–"}):
                i += 1
            if i < len(doc) and doc[i - 1].text in {"-", "—", "–"}:
                j, head = _name_run(doc, i)  # a signed quote: "- Hillary Clinton."
                ends = j >= len(doc) or doc[j].text in {".", ",", "\n"}
                if head is not None and ends and head.pos_ == "PROPN":
                    return head, None
    # Headline style: a name and a colon opening the paragraph, then the quote.
    i = first - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space):
        i -= 1
    if i > 0 and doc[i].text == ":" and _is_name(doc[i - 1]):
        j = i - 1
        while j > 0 and _is_name(doc[j - 1]):
            j -= 1
        if j == 0 or "\n" in doc[j - 1].text or doc[j - 1].text in {"-", "—", "–"}:
            return doc[i - 1], None
        if _cue_word(doc[j - 1]) or _is_cue(doc[j - 1]):
            return doc[i - 1], doc[j - 1].text  # inverted: "Stated Stone: “...”"
    return None


def _is_name(token: Token) -> bool:
    """A proper name, also where the tagger took a capitalised headline word for a noun."""
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.is_title)


def _ends_on_verb(doc: Doc, i: int) -> bool:
    """Whether doc[i] is a verb that ends its clause right away, so it reports the quote it
    follows ("“...,” Trump shot back.", "she went on, as ..."), whatever verb it is."""
    if doc[i].pos_ != "VERB":
        return False
    j = i + 1
    while j < len(doc) and doc[j].dep_ in {"prt", "advmod"} and j - i <= 2:
        j += 1
    return j >= len(doc) or doc[j].is_punct or doc[j].lower_ in _CLAUSE_ENDERS


def _cue_word(token: Token) -> bool:
    """A reporting verb, also where the tagger took it for a noun ("Tweeted", "Says",
    "the Saudis state")."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        return lemma in SPEECH_CUES
    if token.lower_ in _BARE_CUE_FORMS:
        # a bare form is a verb only right after a name, not after "the" ("the state")
        return token.i > 0 and token.doc[token.i - 1].pos_ in {"PROPN", "NOUN", "PRON"}
    return token.lower_ in _CUE_FORMS


def _name_after(doc: Doc, i: int) -> Token | None:
    """The head of the noun phrase starting at token i, if a name or noun starts there."""
    if i >= len(doc) or doc[i].pos_ not in _NAME_START:
        return None
    return _name_run(doc, i)[1]


def _name_run(doc: Doc, i: int) -> tuple[int, Token | None]:
    """Scan a noun phrase from token i (with an appositive between commas: "Ramos, 58,");
    returns the index after it and its last noun."""
    head: Token | None = None
    limit = min(i + 12, len(doc))
    closed = False  # the name proper is over once an appositive starts
    while i < limit:
        token = doc[i]
        hyphen = token.text == "-" and not doc[i - 1].whitespace_
        if head is not None and token.is_lower and token.pos_ != "VERB" and _cue_word(token):
            break  # "the Saudis state in ...": a reporting verb the tagger took for a noun
        if (
            token.pos_ in _NOMINAL
            or token.pos_ in {"DET", "ADJ", "NUM"}
            or token.tag_ == "POS"
            or hyphen
        ):
            if (token.pos_ in _NOMINAL or token.lower_ in {"one", "another"}) and not closed:
                head = token  # "“...,” read one." names a sign as much as "said one aide"
            i += 1
            continue
        if head is not None and token.pos_ == "ADP" and token.lower_ in _NAME_PREPS:
            # "a voice-over in the ad states", "Secretary of State Kerry": the phrase
            # continues; past "of" the name goes on, past a place it is over.
            closed = closed or token.lower_ != "of"
            i += 1
            continue
        if token.text == "," and head is not None:
            closed = True
            # An appositive ("Ramos, 58,"): skip to its closing comma.
            k = i + 1
            while k < limit and doc[k].text != "," and not doc[k].is_space:
                k += 1
            if k < limit and doc[k].text == "," and k - i <= 8:
                i = k + 1
                continue
        break
    return i, head


def _attribute(
    doc: Doc, quote: Quote, cue: Token, first: int, last: int, actors: tuple[Actor, ...]
) -> Quote:
    """Fill speaker, cue and via for a quote (tokens first..last) from its cue token."""
    according = _according_to(cue)
    subject = _subject(cue, first, last)
    via: str | None = None
    if cue.lower_ == "according":
        subject, according, cue_text = _according_object(cue), None, "according to"
    else:
        cue_text = cue.text
        # Reported speech without marks takes any cue's noun ("signs calling for a recount"
        # is the signs' message in PolNeAR); quoted words need a finite reporting verb.
        if subject is None and cue.pos_ == "VERB" and (not quote.direct or _finite_report(cue)):
            subject = _subject_before(cue, first, last)
    if subject is None:
        return quote
    if according is not None:
        via = _name_text(according)
    else:
        via = _media_via(cue, first, last) or _outer_speaker(cue, subject)
    start, end = _mention_bounds(subject)
    speaker = actors_stage.actor_at(actors, subject.idx, subject.idx + len(subject))
    if speaker is None:
        speaker = actors_stage.actor_at(actors, start, end)
    if speaker is None and subject.lower_ == "who" and subject.head.dep_ == "relcl":
        # "Kingson, who praised ...": the relative pronoun stands for the noun it follows
        noun = subject.head.head
        speaker = actors_stage.actor_at(actors, *_mention_bounds(noun))
    return Quote(
        text=quote.text,
        start=quote.start,
        end=quote.end,
        direct=quote.direct,
        speaker=speaker.id if speaker is not None else None,
        speaker_text=_doc_text(doc)[start:end],
        cue=cue_text,
        via=via,
    )


def _with_speaker(quote: Quote, speaker: str | None, text: str | None, cue: str | None) -> Quote:
    return Quote(quote.text, quote.start, quote.end, quote.direct, speaker, text, cue, quote.via)


def _lemma(token: Token) -> str:
    """The token's lemma, lower-cased, mended where the lemmatizer is known to slip
    ("hopes" as a form of "hop")."""
    lemma = token.lemma_.lower()
    if lemma == "hop" and token.lower_.startswith(("hope", "hoping")):
        return "hope"
    return lemma


def _is_cue(token: Token) -> bool:
    if token.lower_ == "according":
        # Tagged VERB (lemma "accord") as often as not: "According to X, “...”".
        return any(c.lower_ == "to" for c in token.children)
    if token.pos_ == "VERB":
        lemma = token.lemma_.lower()
        if lemma in SPEECH_CUES:
            return True
        # "as Milbank puts it, “...”"
        if lemma == "put":
            return any(c.lower_ == "it" for c in token.children)
        # "Trump issued a statement, “...”": the statement's words are its issuer's
        if lemma in {"issue", "release"}:
            return any(c.dep_ == "dobj" and c.lemma_.lower() in _STATEMENTS for c in token.children)
        # "Clinton shot back, “...”", "Sanders chimed in: “...”"
        particle = _PHRASAL_CUES.get(lemma)
        return particle is not None and any(
            c.lower_ == particle and c.dep_ in {"prt", "advmod"} for c in token.children
        )
    return False


def _governing_cue(
    doc: Doc, index: _TokenIndex, first: int, last: int, short: bool
) -> Token | None:
    """The reporting verb outside the quote that the quoted words hang from in the parse.

    A short quote reached through a preposition is a name or a scare quote ("appeared on
    “Saturday Night Live”", "called for “calm”"), except after "as" ("described it as “…”").
    """
    for i in range(first, last + 1):
        token = doc[i]
        head = token.head
        if first <= head.i <= last and head.i != token.i:
            continue  # only the quote's top tokens lead outside it
        steps, blocked = 0, False
        while head.i != token.i and steps < 8:
            if short and head.dep_ == "prep" and head.lower_ != "as":
                blocked = True
            # Near the quote, or far up but as the cue's reported clause: a mixed quote
            # ("He said his campaign was about confronting the “ugly truths”").
            near = (steps < 4 and not blocked) or token.dep_ == "ccomp"
            if near and not first <= head.i <= last and _is_cue(head):
                paragraph = index.para_of[head.i]
                if paragraph in (index.para_of[first], index.para_of[last]):
                    return head
                return None
            token, head, steps = head, head.head, steps + 1
    return None


def _nearby_cue(doc: Doc, index: _TokenIndex, first: int, last: int) -> Token | None:
    """A cue with a subject just after the quote, else just before it ("X said:")."""
    sent_end = index.sent_bounds[index.sent_of[last]][1]
    for i in range(last + 1, min(last + 1 + _NEAR_TOKENS + 8, len(doc))):
        token = doc[i]
        if (i >= sent_end and i - sent_end >= _NEAR_TOKENS + 6) or "\n" in token.text:
            break  # a cue in the next paragraph belongs to what follows it
        if token.is_sent_start and i > last + 1 and doc[i - 1].text in ".!?":
            break
        subject = _subject(token, first, last) if _is_cue(token) else None
        if subject is not None and _only_speaker_between(doc, last + 1, i, subject):
            return token
    introduced = _colon_cue(doc, index, first, last)
    if introduced is not None:
        return introduced
    sent_start = index.sent_bounds[index.sent_of[first]][0]
    lower = max(sent_start - 12, 0) if sent_start == first else sent_start
    for i in range(first - 1, lower - 1, -1):
        token = doc[i]
        if i < sent_start and doc[sent_start - 1].text not in ":,—–-":
            break
        if _is_cue(token) and _subject(token, first, last) is not None:
            listeners = [
                c
                for c in token.children
                if c.dep_ in _BETWEEN_DEPS and not c.left_edge.i <= first <= c.right_edge.i
            ]
            if _only_speaker_between(doc, i + 1, first, *listeners) or (
                token.lemma_.lower() in INDIRECT_CUES and _only_listeners_between(doc, i + 1, first)
            ):
                return token  # "X told reporters: “...”", not "X called for “calm”"
    return None


def _only_speaker_between(doc: Doc, start: int, end: int, *phrases: Token) -> bool:
    """Whether doc[start:end] holds nothing but marks, adverbs and the given phrases (the
    subject in ", he later said"), so the cue reports this quote, not a clause of its own."""
    named = {i for p in phrases for i in range(p.left_edge.i, p.right_edge.i + 1)}
    return all(
        doc[i].is_punct
        or doc[i].is_space
        or i in named
        or doc[i].dep_ in {"advmod", "aux", "neg", "mark"}
        for i in range(start, end)
    )


def _only_listeners_between(doc: Doc, start: int, end: int) -> bool:
    """Whether doc[start:end] holds only names, nouns, a "that" and marks, as in "told
    supporters Tuesday night that “...”" where the parse lost the listeners' link."""
    return all(
        doc[i].is_punct
        or doc[i].is_space
        or doc[i].pos_ in {"NOUN", "PROPN", "DET", "NUM", "ADJ"}
        or doc[i].lower_ == "that"
        for i in range(start, end)
    )


def _colon_cue(doc: Doc, index: _TokenIndex, first: int, last: int) -> Token | None:
    """The verb of a sentence that introduces the quote with a colon ("Miller wrote:")."""
    i = first - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space):
        i -= 1
    if i < 0 or doc[i].text != ":":
        return None
    start = index.sent_bounds[index.sent_of[i]][0]
    for j in range(i - 1, start - 1, -1):
        if _is_cue(doc[j]) and _subject(doc[j], first, last) is not None:
            return doc[j]
    root = doc[i].sent.root
    if root.pos_ in {"VERB", "AUX"} and root.i < i and _subject(root, first, last) is not None:
        return root
    # The parser may hang the introducing clause on the quote ("Trump issued the following
    # statement:" as a clause of the quoted words): the verb above the words before the colon.
    verb, steps = doc[i - 1] if i else doc[i], 0
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i and steps < 4:
        verb, steps = verb.head, steps + 1
    if (
        verb.pos_ in {"VERB", "AUX"}
        and verb.i < i
        and index.sent_of[verb.i] == index.sent_of[i]
        and _subject(verb, first, last) is not None
    ):
        return verb
    return None


def _subject(cue: Token, first: int, last: int) -> Token | None:
    """The subject of a cue verb (climbing to the verb it is conjoined with), not in the quote."""
    token, steps = cue, 0
    while steps < 4:
        if (
            steps
            and cue.dep_ in {"advcl", "conj"}
            and token.dep_ == "ccomp"
            and _is_cue(token.head)
            and _is_cue(cue)
        ):
            # "Sanders said the process could be “messy,” adding, “...”": the parser hung
            # "adding" on the reported clause; the one reporting it goes on speaking.
            token, steps = token.head, steps + 1
            continue
        subjects = [
            child
            for child in token.children
            if child.dep_ in _SUBJECT_DEPS
            and not first <= child.i <= last
            and child.lower_ not in _NOT_SPEAKERS
        ]
        if subjects:
            return _best_subject(subjects, token)
        if token.dep_ in _CLIMB_DEPS and token.head.i != token.i:
            token, steps = token.head, steps + 1
            continue
        if token.dep_ == "relcl" and not first <= token.head.i <= last:
            return token.head  # "Miller, who said ..."
        if token.dep_ == "acl" and token.head.pos_ in _NOMINAL:
            # "BLM issued a statement saying ...": the statement's issuer speaks.
            noun = token.head
            if noun.dep_ == "dobj":
                for child in noun.head.children:
                    if child.dep_ == "nsubj" and child.lower_ not in _NOT_SPEAKERS:
                        return child
            return None
        break
    if cue.lower_ == "according":
        return _according_object(cue)
    return None


def _finite_report(cue: Token) -> bool:
    """A finite reporting verb ("said", "writes"), not a participle after a noun ("signs
    calling for", "a film called") nor a naming verb."""
    return (
        cue.tag_ in {"VBD", "VBZ", "VBP"}
        and cue.dep_ not in {"acl", "relcl", "amod"}
        and cue.lemma_.lower() not in _NAMING_CUES
    )


def _subject_before(cue: Token, first: int, last: int) -> Token | None:
    """The noun phrase ending right before a cue the parse left without a subject, past an
    insertion between commas ("Sen. Durbin (D-Ill.), noting the size of it, said") or a
    relative clause ("a White House official who spoke anonymously said")."""
    doc = cue.doc
    lower = max(cue.i - 30, 0)
    j = cue.i - 1
    while j > lower and doc[j].dep_ in {"advmod", "aux", "neg"} and doc[j].pos_ != "PUNCT":
        j -= 1
    if doc[j].text == ",":
        k = j - 1
        while k > lower and doc[k].text != "," and not _stops_name(doc[k]):
            k -= 1
        if doc[k].text != ",":
            return None
        j = k - 1
    for k in range(j, max(j - 15, lower), -1):
        if _stops_name(doc[k]) or doc[k].text == ",":
            break
        if doc[k].lower_ == "who" and doc[k].tag_ == "WP":
            j = k - 1  # "an official who spoke anonymously said"
            if doc[j].text == ",":
                j -= 1
            break
    if doc[j].text == ")":
        while j > lower and doc[j].text != "(":
            j -= 1
        j -= 1
    head = doc[j]
    if first <= head.i <= last or head.pos_ not in _NOMINAL or head.i < lower:
        return None
    if head.lower_ in _NOT_SPEAKERS or head.lower_ in {"it", "them"}:
        return None
    if _is_time_or_dateline(head, cue):
        return None
    return head


def _stops_name(token: Token) -> bool:
    """A token a speaker's phrase never reaches back across: a quote, a sentence end, a
    paragraph break."""
    return token.is_quote or token.text in {".", "!", "?", ":", ";"} or "\n" in token.text


def _best_subject(subjects: list[Token], verb: Token) -> Token | None:
    """The subject nearest the verb, passing over a dateline or a time the parser took for
    one ("LONDON (Reuters) - Trump said", "1:50 p.m. Pacheco said") and anything in an
    earlier paragraph."""
    doc = verb.doc
    good = [s for s in subjects if not _is_time_or_dateline(s, verb)]
    if good:
        return min(good, key=lambda s: abs(verb.i - s.i))
    for subject in subjects:
        lo, hi = sorted((subject.i, verb.i))
        for i in range(hi - 1, lo, -1):
            if "\n" in doc[i].text:
                break
            if doc[i].ent_type_ in _PERSON_ENTS and doc[i].pos_ == "PROPN":
                return doc[i]  # "Saturday at the convention Sen. Warren said"
    return None


def _is_time_or_dateline(subject: Token, verb: Token) -> bool:
    if subject.ent_type_ in {"DATE", "TIME"} or subject.lower_ in _TIME_WORDS:
        return True
    lo, hi = sorted((subject.i, verb.i))
    return any("\n" in subject.doc[i].text for i in range(lo, hi))


def _according_object(cue: Token) -> Token | None:
    for to in cue.children:
        if to.lower_ == "to":
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _according_to(cue: Token) -> Token | None:
    """The X of an "according to X" in the cue's clause."""
    for child in cue.children:
        if child.lower_ == "according":
            return _according_object(child)
    return None


def _media_via(cue: Token, first: int, last: int) -> str | None:
    """An outlet the cue's words were given to: "told Reuters", "in an interview with CNN"."""
    for child in cue.children:
        if first <= child.i <= last:
            continue
        candidates = [child] if child.dep_ in {"dobj", "dative"} else []
        if child.dep_ in {"prep", "dative"}:
            candidates += [g for g in child.children if g.dep_ == "pobj"]
            for pobj in list(candidates):
                candidates += [g2 for g in pobj.children if g.dep_ == "prep" for g2 in g.children]
        for obj in candidates:
            if obj.pos_ == "PROPN" or obj.ent_type_ == "ORG":
                name = _name_text(obj)
                if _MEDIA.search(name):
                    return name
    return None


def _outer_speaker(cue: Token, subject: Token) -> str | None:
    """In "Blinken stressed “...”, Miller said" the words came to us through Miller."""
    outer = cue.head
    if cue.dep_ in _CLAUSE_DEPS and outer.i != cue.i and _is_cue(outer):
        for child in outer.children:
            if child.dep_ in _SUBJECT_DEPS and child.i != subject.i:
                start, end = _mention_bounds(child)
                return _doc_text(child.doc)[start:end]
    return None


def _name_text(token: Token) -> str:
    """A source's name: its named entity if it has one ("People's Daily"), else its phrase."""
    if token.ent_type_:
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                return ent.text
    start, end = _mention_bounds(token)
    return _doc_text(token.doc)[start:end]


def _mention_bounds(head: Token) -> tuple[int, int]:
    """Char bounds of a noun phrase as named: its head with the modifiers to its left
    ("A senior US official", "State Department spokesman Matthew Miller")."""
    left = head
    stack = [c for c in head.lefts if c.dep_ in _NAME_DEPS or c.dep_ == "punct"]
    while stack:
        child = stack.pop()
        if child.i < left.i:
            left = child
        stack.extend(c for c in child.lefts if c.dep_ in _NAME_DEPS or c.dep_ == "punct")
    for i in range(head.i - 1, left.i - 1, -1):
        if head.doc[i].is_quote or "\n" in head.doc[i].text:
            left = head.doc[i + 1]  # a name never reaches back into a quote
            break
    while left.i < head.i and (left.is_punct or left.is_space):
        left = left.doc[left.i + 1]
    right = head
    for child in head.rights:
        if child.dep_ in {"compound", "flat"} and child.i == right.i + 1:
            right = child
    return left.idx, right.idx + len(right)


def _starts_sentence(doc: Doc, first: int) -> bool:
    """Whether the quote's first token opens a sentence or a paragraph (marks aside)."""
    i = first - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space):
        if "\n" in doc[i].text:
            return True
        i -= 1
    return i < 0 or doc[i].text in {".", "!", "?", ":"} or doc[i + 1].is_sent_start


# ---------------------------------------------------------------- indirect quotes


def _indirect_quotes(
    doc: Doc, index: _TokenIndex, marked: Sequence[_Marked], actors: tuple[Actor, ...]
) -> list[Quote]:
    """Reported speech without marks: a cue verb's content clause ("Qin said the talks ...")."""
    found: list[Quote] = []
    marked_starts = [m.start for m in marked]
    for token in doc:
        if token.lower_ == "according" and token.head.i != token.i:
            quote = _according_quote(doc, token, marked, marked_starts, actors)
            if quote is not None:
                found.append(quote)
            continue
        if token.pos_ != "VERB":
            continue
        lemma = _lemma(token)
        deps: frozenset[str] = frozenset()
        if lemma in INDIRECT_CUES or lemma in BELIEF_CUES or lemma in QUESTION_CUES:
            deps |= _CCOMP
        if lemma in INTENT_CUES:
            # "hopes to win" as well as "hopes the vote will ...", "wants Congress to pay"
            deps |= _XCOMP | _CCOMP
        if lemma in STANCE_CUES or lemma in STANCE_PREPS:
            deps |= _OBJECTS | _XCOMP  # "support banning ...", "oppose raising taxes"
        if lemma in APPEARANCE_CUES:
            if any(c.dep_ == "expl" or c.lower_ == "it" for c in token.children):
                continue  # "it appears that ...": nobody's view
            deps |= _APPEARANCE_DEPS
        if lemma in VIEW_CUES or lemma in EVIDENCE_CUES:
            deps |= _VIEW_DEPS
        if lemma in _LABELLING_CUES:
            deps |= _NAMED_AS  # "called him a political opportunist"
        if not deps and lemma not in STANCE_PREPS:
            continue
        if _inside_marks(marked, marked_starts, token.idx):
            continue  # a cue inside somebody's quoted words is their business
        if token.dep_ == "parataxis" and lemma in INDIRECT_CUES:
            quote = _aside_quote(doc, token, marked, actors)
            if quote is not None:
                found.append(quote)
                continue
        for clause in token.children:
            if clause.dep_ not in deps:
                if clause.dep_ != "prep" or clause.lower_ not in STANCE_PREPS.get(lemma, ()):
                    continue
                # "talked about the economy": the object of the preposition is the content
                clause = next((c for c in clause.children if c.dep_ == "pobj"), None)
                if clause is None:
                    continue
            words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)]
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if clause.dep_ in _NAMED_AS or (clause.dep_ == "xcomp" and lemma in STANCE_CUES):
                # "called him a liar", "urged voters to turn out": the object and what of it
                named = [c for c in objects if c.i < clause.i]
                words = [t for c in named for t in c.subtree] + words
            elif clause.dep_ == "dobj" and any(
                c.dep_ == "xcomp" and c.i > clause.i for c in token.children
            ):
                continue  # the object goes with the infinitive after it
            if clause.dep_ == "dobj" and lemma not in STANCE_CUES:
                # A view takes its object with its "as" ("voters see Clinton as the stronger
                # candidate"), evidence its object alone ("a poll showed a dead heat").
                view = next(
                    (c for c in token.children if c.dep_ == "prep" and c.lower_ == "as"), None
                )
                if lemma in VIEW_CUES and view is not None and view.i > clause.i:
                    words += list(view.subtree)
                elif lemma not in EVIDENCE_CUES or _personal_subject(token):
                    continue  # a person who "showed his badge" reports nothing
            while words and (words[-1].is_punct or words[-1].is_space):
                words.pop()
            while words and (words[0].is_punct or words[0].is_space):
                words.pop(0)
            shortest = _SHORTEST_CONTENT.get(clause.dep_, 3)
            if len(words) < shortest or words[0].tag_ in _WH_TAGS:
                continue  # too short, or a relative clause the parser hung on the verb
            start, end = words[0].idx, words[-1].idx + len(words[-1])
            if any(q.start < end and start < q.end for q in marked):
                continue  # a direct or mixed quote already carries these words
            quote = Quote(_doc_text(doc)[start:end], start, end, False, None, None, None, None)
            quote = _attribute(doc, quote, token, words[0].i, words[-1].i, actors)
            if quote.speaker_text is not None:
                found.append(quote)
    return found


def _aside_quote(
    doc: Doc, cue: Token, marked: Sequence[_Marked], actors: tuple[Actor, ...]
) -> Quote | None:
    """ "The golf industry, she said, is doing better": the clause a reporting aside sits in
    is the aside's subject's words."""
    clause = cue.head
    if clause.i == cue.i or clause.pos_ not in {"VERB", "AUX"}:
        return None
    if any(c.dep_ in _CCOMP for c in cue.children):
        return None  # the cue has a clause of its own
    content = _clause_without(doc, clause, cue, marked)
    if content is None:
        return None
    quote, _ = content
    # The aside, subject and all, sits inside the clause: nothing of it is the content.
    quote = _attribute(doc, quote, cue, cue.i, cue.i, actors)
    return quote if quote.speaker_text is not None else None


def _clause_without(
    doc: Doc, clause: Token, aside: Token, marked: Sequence[_Marked]
) -> tuple[Quote, tuple[int, int]] | None:
    """The words of ``clause`` less the ``aside`` phrase in it ("she said", "according to
    X") as an unattributed indirect quote, with its first and last token; None when fewer
    than three words are left or quoted words there are a direct or mixed quote already."""
    skip = range(aside.left_edge.i, aside.right_edge.i + 1)
    words = [t for t in clause.subtree if t.i not in skip]
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    while words and (words[0].is_punct or words[0].is_space):
        words.pop(0)
    if len(words) < 3:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    if any(q.start < end and start < q.end for q in marked):
        return None
    quote = Quote(_doc_text(doc)[start:end], start, end, False, None, None, None, None)
    return quote, (words[0].i, words[-1].i)


def _personal_subject(verb: Token) -> bool:
    """Whether the verb's subject is a person (a name or a personal pronoun)."""
    return any(
        c.dep_ == "nsubj"
        and (c.ent_type_ == "PERSON" or c.lower_ in {"i", "we", "you", "he", "she", "they"})
        for c in verb.children
    )


def _according_quote(
    doc: Doc,
    according: Token,
    marked: Sequence[_Marked],
    marked_starts: list[int],
    actors: tuple[Actor, ...],
) -> Quote | None:
    """ "The talks failed, according to X": the clause "according to" hangs from, said by X."""
    if _according_object(according) is None:
        return None
    clause = according.head
    while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
        clause = clause.head
    if _inside_marks(marked, marked_starts, clause.idx):
        return None
    content = _clause_without(doc, clause, according, marked)
    if content is None:
        return None
    quote, (first, last) = content
    quote = _attribute(doc, quote, according, first, last, actors)
    return quote if quote.speaker_text is not None else None


def _inside_marks(marked: Sequence[_Marked], starts: list[int], char: int) -> bool:
    i = bisect_right(starts, char) - 1
    return i >= 0 and marked[i].start <= char < marked[i].end
