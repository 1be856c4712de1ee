"""Temporal expressions: find them, normalise them to TIMEX3 values, and date events.

``find_timexes`` runs a fixed set of precompiled regular expressions over the document
text (one ``finditer`` each), keeps the leftmost-longest non-overlapping matches, and
normalises each relative to the publication date. Where the value depends on the
clause (``"met on Sunday"`` vs ``"will meet on Monday"``, ``"in November"``) the
dependency parse gives the tense of the governing verb. Spans follow TimeML: signals
such as "on", "since" or the possessive "'s" stay outside, determiners and modifiers
("the", "last", "early") stay inside.

``event_date`` picks, for an event trigger, the timex that governs it in the parse.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # only annotations: query commands import this module without spaCy
    from spacy.tokens import Doc, Token

from parley import nlp
from parley.records import Timex, TimexType

Tense = Literal["past", "present", "future"]
Normalised = tuple[TimexType, str, str | None]  # type, value, mod

# ---------------------------------------------------------------- vocabulary

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "couple": 2, "half": 0.5,
}  # fmt: skip
_VAGUE_NUMBERS = {"several", "few", "some", "many", "numerous", "hundreds", "dozens"}
# unit -> (TIMEX3 duration letter, is a time-of-day unit)
_UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "weekend": ("WE", False), "month": ("M", False),
    "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False),
    "centurie": ("CE", False), "quarter": ("Q", False),
}  # fmt: skip
_SEASONS = {
    "spring": ("SP", 5),
    "summer": ("SU", 8),
    "fall": ("FA", 11),
    "autumn": ("FA", 11),
    "winter": ("WI", 2),
}  # fmt: skip  (code, last month of the season)
_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4}  # fmt: skip
_SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
              "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P1Q",
              "biweekly": "P2W"}  # fmt: skip
# Verbs whose infinitive complement is a plan: "plans to meet on Monday" is future.
_PLANNING = frozenset(
    {"plan", "schedule", "expect", "due", "set", "intend", "hope", "aim", "prepare", "want",
     "seek", "agree", "promise", "vow", "pledge", "threaten", "decide", "propose", "wish",
     "going", "likely", "invite", "ask", "call", "urge", "try", "be"}
)  # fmt: skip
_SCHEDULING = frozenset({"plan", "schedule", "slate", "expect"})
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would", "going"})
_MODAL_AUX = frozenset({"may", "might", "could", "should", "must", "can", "ca"})
_PERFECT_AUX = frozenset({"has", "have", "'ve", "'s", "had", "'d"})
_PROGRESSIVE_AUX = frozenset({"is", "are", "am", "'re", "'m"})

_ORDINAL_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth"]  # fmt: skip
_DAY_ORDINALS = {
    **{word: i + 1 for i, word in enumerate(_ORDINAL_UNITS)},
    **{word: i + 10 for i, word in enumerate(
        ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
         "seventeenth", "eighteenth", "nineteenth", "twentieth"])},
    **{f"twenty {word}": 21 + i for i, word in enumerate(_ORDINAL_UNITS)},
    "thirtieth": 30, "thirty first": 31,
}  # fmt: skip

# ---------------------------------------------------------------- regex parts

_MONTH_RE = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.?|Sep\.|Oct\.|"
    r"Nov\.|Dec\.)"
)
# "Jan 5", "Sept 30": wire copy without the abbreviation's period, only before a day number
_MONTH_DAY_RE = _MONTH_RE[:-1] + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?=\s+\d))"
_DAY_ORDINAL_RE = (
    r"(?:twenty[\s-]+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|"
    r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
    r"nineteenth|twentieth|thirtieth|thirty[\s-]+first"
)
_WEEKDAY_RE = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DIGITS = r"one|two|three|four|five|six|seven|eight|nine"
_TENS_WORDS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TEENS_WORDS = r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_NUMBER_RE = (
    r"(?P<number>\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    rf"(?:[\s-](?:{_DIGITS}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    rf"seventeen|eighteen|nineteen|{_DIGITS}|a\s+couple\s+of|couple\s+of|a\s+few|a\s+dozen|"
    r"a\s+half|half\s+an?|a\s+hundred|several|few|some|many|numerous|hundreds\s+of|dozens\s+of|"
    r"an?)"
)
_APPROX_RE = (
    r"(?:(?P<approx>about|around|roughly|nearly|almost|some|more\s+than|less\s+than|"
    r"fewer\s+than|over|under|at\s+least|at\s+most|up\s+to|no\s+more\s+than)\s+)?"
)
_UNIT_RE = (
    r"(?P<unit>seconds?|minutes?|hours?|days?|weeks?|weekends?|months?|years?|decades?|"
    r"century|centuries|quarters?)"
)
_PART_RE = r"(?P<part>morning|afternoon|evening|night)"


def _rx(pattern: str) -> re.Pattern[str]:
    """A case-blind pattern; it runs over the lower-cased text (faster than re.IGNORECASE)."""
    return re.compile(pattern)


def _cased(pattern: str) -> re.Pattern[str]:
    """A pattern run over the original text: month and weekday names must be capitalised
    ("may", "march" are words too)."""
    compiled = re.compile(pattern)
    _CASED_PATTERNS.add(compiled)
    return compiled


_CASED_PATTERNS: set[re.Pattern[str]] = set()


# ---------------------------------------------------------------- small helpers


def _number(text: str | None) -> float | None:
    """Numeric value of "seven", "twenty-four", "a couple of", "3.5"; None when vague."""
    if text is None:
        return 1.0
    words = re.sub(r"[\s-]+", " ", text.lower()).replace(" of", "").split()
    if not words:
        return 1.0
    if words[0][0].isdigit():
        return float(words[0])
    if words[-1] in _VAGUE_NUMBERS or words[0] in _VAGUE_NUMBERS:
        return None
    if "half" in words:
        return 0.5  # "half an hour", "a half"
    if words[0] in ("a", "an") and len(words) > 1:
        words = words[1:]
    if words == ["few"]:
        return None
    return float(sum(_NUMBER_WORDS.get(w, 0) for w in words)) or None


def _unit(text: str) -> str:
    word = text.lower()
    if word == "centuries":
        return "century"
    return word[:-1] if word.endswith("s") and word[:-1] in _UNITS else word


def _duration(amount: float | None, unit: str) -> str:
    """TIMEX3 duration such as P3Y, PT7H30M (fractions go to the next smaller unit)."""
    letter, is_time = _UNITS[unit]
    prefix = "PT" if is_time else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    if amount == int(amount):
        if unit == "decade":
            return f"P{int(amount) * 10}Y"
        return f"{prefix}{int(amount)}{letter}"
    whole, fraction = int(amount), amount - int(amount)
    if unit == "week":
        return f"P{round(amount * 7)}D"
    smaller = {"hour": ("M", 60), "minute": ("S", 60), "day": ("H", 24), "year": ("M", 12),
               "month": ("D", 30)}  # fmt: skip
    if unit in smaller:
        small_letter, per = smaller[unit]
        parts = f"{whole}{letter}" if whole else ""
        rest = f"{round(fraction * per)}{small_letter}"
        if unit == "day":
            return f"P{parts}T{rest}"
        return f"{prefix}{parts}{rest}"
    return f"{prefix}{amount:g}{letter}"


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_months(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _quarter(month: int) -> int:
    return (month - 1) // 3 + 1


def _shift(day: dt.date, amount: float | None, unit: str, sign: int) -> str | None:
    """The date ``amount`` units before (sign -1) or after ``day``, at the unit's precision."""
    if amount is None:
        return None
    steps = round(amount) * sign
    if unit == "day":
        return (day + dt.timedelta(days=steps)).isoformat()
    if unit in ("week", "weekend"):
        return _iso_week(day + dt.timedelta(weeks=steps))
    if unit == "month":
        year, month = _shift_months(day, steps)
        return f"{year}-{month:02d}"
    if unit == "year":
        return f"{day.year + steps}"
    if unit == "quarter":
        year, month = _shift_months(day, 3 * steps)
        return f"{year}-Q{_quarter(month)}"
    if unit == "decade":
        return f"{(day.year + 10 * steps) // 10}"
    if unit == "hour":
        moment = dt.datetime.combine(day, dt.time(12)) + dt.timedelta(hours=steps)
        return moment.date().isoformat()
    return None


def _month_year(month: int, published: dt.date, tense: Tense | None) -> int:
    """Year of a bare month: the last one for past clauses, the next one for future ones."""
    if tense == "past":
        return published.year if month <= published.month else published.year - 1
    if tense == "future":
        return published.year if month >= published.month else published.year + 1
    # no tense: the nearest such month, leaning to the past on a tie
    gap = month - published.month
    if gap > 6:
        return published.year - 1
    if gap < -6:
        return published.year + 1
    return published.year


def _weekday_date(weekday: int, published: dt.date, tense: Tense | None, relation: str) -> str:
    back = (published.weekday() - weekday) % 7  # days to the last such weekday (0: today)
    ahead = (weekday - published.weekday()) % 7
    if relation in ("last", "past", "previous"):
        days = -(back or 7)
    elif relation in ("next", "coming"):
        days = ahead or 7
    elif back == 0:
        days = 0  # news convention: the publication weekday is the publication day
    elif tense == "past":
        days = -back
    elif tense == "future":
        days = ahead
    else:
        days = -back if back <= 4 else ahead  # news mostly reports what already happened
    return (published + dt.timedelta(days=days)).isoformat()


def _day_value(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _year_near(month: int, day: int, published: dt.date, tense: Tense | None) -> int:
    """Year of "June 18": the publication year unless the tense says otherwise."""
    try:
        this_year = dt.date(published.year, month, day)
    except ValueError:
        return published.year
    gap = (this_year - published).days
    if tense == "past":
        return published.year - 1 if gap > 60 else published.year
    if tense == "future":
        return published.year + 1 if gap < -60 else published.year
    if gap > 240:
        return published.year - 1
    if gap < -240:
        return published.year + 1
    return published.year


# ---------------------------------------------------------------- the per-doc context


class _Context:
    """What the rules need: the publication date, the parse, and a reference date."""

    def __init__(self, doc: Doc, text: str, published: dt.date) -> None:
        self.doc = doc
        self.text = text
        self.published = published
        self.reference = published  # the last day-precision date seen (for "the day before")
        # the last month- and year-precision dates seen (for "the following month/year")
        self.reference_month = published
        self.reference_year = published
        self.seen_day = False
        self.reference_start = -1  # where the last day-precision date was named
        self.last_quarter: str | None = None  # the quarter reported on ("a year earlier")
        self.named_quarter: str | None = None  # the last quarter named ("that quarter")
        self.last_period: str | None = None  # the last month named ("2023-05")

    def token_at(self, char: int) -> Token:
        """The token at (or, on whitespace, just after) a character offset."""
        end = len(self.text)
        while char < end - 1 and self.text[char].isspace():
            char += 1
        span = self.doc.char_span(char, min(char + 1, end), alignment_mode="expand")
        if span is not None and len(span):
            return span[0]
        return self.doc[-1]

    def tense(self, char: int, token: Token | None = None) -> Tense | None:
        """Tense deciding a relative date at ``char`` (read from ``token``, the expression's
        head, when given); None where the nearest date is best."""
        before = self.word_before(char)
        if before in ("until", "till") and _deferred(token or self.token_at(char)):
            return "future"  # "postponed until Tuesday morning": put off to a day ahead
        if before in _OPEN_SIGNALS:
            return None  # "until January", "through March": an end point, either side of now
        if before == "effective":
            return "future"
        return clause_tense(token if token is not None else self.token_at(char))

    def word_before(self, char: int) -> str:
        """The lower-cased word just before ``char`` (a signal such as "since", "until")."""
        match = _WORD_BEFORE.search(self.text, max(0, char - 24), char)
        return match.group(1).lower() if match else ""


_OPEN_SIGNALS = frozenset({"until", "till", "through", "by", "before"})
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "compound", "poss", "attr"})
_WORD_BEFORE = re.compile(r"([A-Za-z']+)\W{0,2}\s*$")


# Verbs that put something off to a later point ("postponed until Tuesday").
_DEFERRING = frozenset(
    {"postpone", "delay", "defer", "adjourn", "extend", "prolong", "put", "push"}
)


def _deferred(token: Token) -> bool:
    """Whether the verb governing ``token`` puts something off ("postponed until Tuesday")."""
    verb = _governing_verb(token)
    return verb is not None and verb.lemma_.lower() in _DEFERRING


def _governing_verb(token: Token) -> Token | None:
    """The verb that governs ``token`` (the token itself if it is one), None if no verb."""
    verb = token
    for _ in range(10):
        if (
            verb.pos_ in ("VERB", "AUX")
            and verb.dep_ not in ("aux", "auxpass")
            and not (verb.tag_ == "VBG" and verb.dep_ in _NOMINAL_DEPS)  # "November meeting"
        ):
            return verb
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def clause_tense(token: Token) -> Tense | None:
    """Tense of the verb that governs ``token`` (past/present/future), None if no verb."""
    verb = _governing_verb(token)
    return _verb_tense(verb, depth=0) if verb is not None else None


def _verb_tense(verb: Token, depth: int) -> Tense:
    """Tense from the verb's tag and auxiliaries; infinitives and bare participles defer to
    the verb they hang from."""
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {aux.lower_ for aux in auxes}
    if words & _FUTURE_AUX:
        return "future"
    lemma = verb.lemma_.lower()
    if depth == 0 and (
        lemma in _SCHEDULING
        or (_set_for(verb) and verb.tag_ == "VBN" and (auxes or _has_for(verb)))
    ):
        # "planned a rally on Saturday", "is set for Monday", "a summit set for April": the
        # date is the plan's (but "a record set on Aug. 6" is a past event)
        return "future"
    head = verb.head
    if any(aux.tag_ == "TO" for aux in auxes):
        if head.lemma_.lower() in _PLANNING and head.i != verb.i and _pluperfect(head):
            return "past"  # "had been due to expire Friday": a plan the story looks back on
        if head.i == verb.i or head.lemma_.lower() in _PLANNING or depth > 3:
            return "future"
        if head.pos_ in ("VERB", "AUX"):
            return _verb_tense(head, depth + 1)
        # "made it difficult to meet demand into the summer": an infinitive hanging from an
        # adjective keeps a past main clause's past; from a noun ("an agreement to buy the
        # company in January") or elsewhere it looks ahead
        if head.pos_ == "ADJ" and clause_tense(head) == "past":
            return "past"
        if head.pos_ in ("NOUN", "PROPN") and any(
            c.lower_ in _RANKING_WORDS for c in head.children if c.dep_ in ("amod", "advmod")
        ):
            # "the first three countries to accede to NATO on Friday were ...": a record
            # the main clause reports, in its tense
            reported = clause_tense(head.head) if head.head.i != head.i else None
            return reported or "future"
        return "future"
    if (
        not auxes
        and verb.tag_ == "VBG"
        and head.i != verb.i
        and head.pos_ in ("VERB", "AUX")
        and depth < 4
    ):
        return _verb_tense(head, depth + 1)  # "rising ... in March": the main clause decides
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxes) or _past_read_as_present(verb):
        return "past"
    if words & _PERFECT_AUX and verb.tag_ in ("VBN", "VBG"):
        return "past"  # "has met", "have been searching"
    if verb.tag_ == "VBN":
        if words & _PERFECT_AUX or not auxes:
            return "past"
        return "present"
    if words & _MODAL_AUX:
        return "future"
    if depth == 0 and verb.tag_ == "VBG" and words & _PROGRESSIVE_AUX:
        return "future"  # "is meeting on Monday": a plan
    return "present"


_RANKING_WORDS = frozenset({"first", "last", "only", "latest", "second", "third"})


def _past_read_as_present(verb: Token) -> bool:
    """An irregular past the tagger took for a present ("Moscow leapt to the defence"): a
    present form is the lemma itself or ends in -s; any other inflected form is a past."""
    word, lemma = verb.lower_, verb.lemma_.lower()
    return (
        verb.tag_ in ("VBZ", "VBP")
        and lemma != "be"
        and word != lemma
        and not word.endswith("s")
        and word.isalpha()
    )


def _set_for(verb: Token) -> bool:
    """ "is set for Monday", not "were set free on Thursday" (a release that happened)."""
    return verb.lemma_.lower() == "set" and not any(
        c.lower_ in ("free", "loose", "ablaze", "alight", "afire") for c in verb.children
    )


def _scheduled_present(token: Token) -> bool:
    """A finite present verb with a weekday is a timetable ("Albright and Arafat meet Monday",
    "the talks open Tuesday"), unless it reports ("officials say")."""
    verb = _governing_verb(token)
    return (
        verb is not None
        and verb.tag_ in ("VBP", "VBZ")
        and verb.lemma_.lower() not in _REPORTING_PRESENT
        and not (verb.tag_ == "VBP" and verb.lower_ in _PAST_AS_BASE)  # "hurt" may be past
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


_PAST_AS_BASE = frozenset(
    {"hurt", "cut", "put", "set", "hit", "let", "cost", "shut", "quit", "spread", "bid", "cast",
     "burst", "split", "upset", "beat", "read", "thrust", "shed", "slit", "broadcast"}
)  # fmt: skip
_REPORTING_PRESENT = frozenset(
    {"say", "tell", "report", "add", "claim", "insist", "note", "argue", "write", "be"}
)


def _has_for(verb: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)


def _pluperfect(word: Token) -> bool:
    """Whether ``word`` (a verb, or an adjective after its copula) is in the past perfect."""
    verb = word.head if word.dep_ == "acomp" else word
    return any(child.dep_ == "aux" and child.lower_ == "had" for child in verb.children)


# ---------------------------------------------------------------- rules

Rule = Callable[[re.Match[str], _Context], Normalised | None]


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


def _g(match: re.Match[str], name: str) -> str | None:
    """A named group, or None when the pattern lacks it or it did not take part."""
    return match.groupdict().get(name)


def _rule_iso(m: re.Match[str], ctx: _Context) -> Normalised | None:
    value = _day_value(int(m["y"]), int(m["mo"]), int(m["d"]))
    if value is None:
        return None
    if m["hh"]:
        return "TIME", f"{value}T{m['hh']}:{m['mm']}", None
    return "DATE", value, None


def _rule_month_day(m: re.Match[str], ctx: _Context) -> Normalised | None:
    month = _MONTHS[m["month"].lower().rstrip(".")]
    dayword = _g(m, "dayword")
    if (
        dayword
        and m["month"] in ("May", "March")
        and ctx.token_at(m.start("month")).pos_ != "PROPN"
    ):
        return None  # "May first consider ...": the modal verb
    # "March eighth", as broadcast transcripts write dates
    day = _DAY_ORDINALS[re.sub(r"[\s-]+", " ", dayword.lower())] if dayword else int(m["day"])
    year = int(m["year"]) if m["year"] else None
    if year is None and not _g(m, "weekday"):
        number = ctx.token_at(m.start("day"))
        after = number.nbor() if number.i + 1 < len(number.doc) else None
        if (
            number.dep_ == "nummod"
            and after is not None
            and number.head.i == after.i
            and after.tag_ in ("NNS", "NNPS")
        ):
            return None  # "May 2 people died": the number counts the noun, it is no day
    if year is None and _g(m, "yrel"):
        year = ctx.published.year + _YEAR_STEP[m["yrel"].lower()]  # "Aug. 7 last year"
    if year is None:
        relation = (_g(m, "rel") or "").lower()
        tense = {"last": "past", "next": "future"}.get(relation) or ctx.tense(m.start("month"))
        year = _year_near(month, day, ctx.published, tense)
    value = _day_value(year, month, day)
    return ("DATE", value, "APPROX" if _g(m, "approx") else None) if value else None


def _rule_month_year(m: re.Match[str], ctx: _Context) -> Normalised | None:
    month = _MONTHS[m["month"].lower().rstrip(".")]
    year = _g(m, "year") or str(ctx.published.year + _YEAR_STEP[m["rel"].lower()])
    return "DATE", f"{year}-{month:02d}", _edge_mod(_g(m, "edge"))


def _rule_numeric(m: re.Match[str], ctx: _Context) -> Normalised | None:
    year = int(m["y"])
    if year < 100:
        year += 1900 if year > 30 else 2000
    value = _day_value(year, int(m["mo"]), int(m["d"]))
    return ("DATE", value, None) if value else None


def _edge_mod(edge: str | None) -> str | None:
    if not edge:
        return None
    word = edge.lower()
    if "early" in word or "beginning" in word or "start" in word:
        return "START"
    if "late" in word or "end" in word:
        return "END"
    if "mid" in word or "middle" in word:
        return "MID"
    return None


def _rule_month(m: re.Match[str], ctx: _Context) -> Normalised | None:
    name = m["month"]
    month = _MONTHS[name.lower().rstrip(".")]
    relation = re.sub(r"^this\s+past$", "past", (m["rel"] or "").lower())
    token = ctx.token_at(m.start("month"))
    if name in ("May", "March") and not relation and not m["edge"] and token.pos_ != "PROPN":
        return None  # the modal verb "May", the verb "march"
    mod = _edge_mod(m["edge"])
    published = ctx.published
    if relation in ("last", "past", "previous"):
        year = published.year if month < published.month else published.year - 1
    elif relation in ("next", "coming"):
        year = published.year if month > published.month else published.year + 1
    elif relation == "this":
        year = published.year
    elif ctx.word_before(m.start()) == "since":
        year = _month_year(month, published, "past")
        mod = mod or "START"
    elif ctx.word_before(m.start()) in _OPEN_SIGNALS:
        year = _month_year(month, published, None)  # "until mid-November": either side of now
    else:
        tense = ctx.tense(m.start("month"))
        if tense == "past" and 0 < (month - published.month) % 12 <= 2 and _describes_noun(token):
            # "a cut in its supply in September", "November contracts" in a past-tense report
            # from August or October: the noun's own time, the coming month
            tense = None
        year = _month_year(month, published, tense)
    return "DATE", f"{year}-{month:02d}", mod


def _describes_noun(token: Token) -> bool:
    """Whether a date token modifies a noun ("November transactions", "a cut in September")
    rather than the clause's verb."""
    if token.dep_ in ("compound", "nmod", "amod"):
        return token.head.pos_ in ("NOUN", "PROPN")
    head = token.head
    return token.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("NOUN", "PROPN")


_SEASON_SIGNALS = frozenset({"in", "during", "since", "until", "by", "through", "over", "this"})


def _rule_season(m: re.Match[str], ctx: _Context) -> Normalised | None:
    code, last_month = _SEASONS[m["season"].lower()]
    relation = re.sub(r"^this\s+past$", "past", (m["rel"] or "").lower())
    if (
        not (relation or m["year"] or m["edge"])
        and ctx.word_before(m.start()) not in _SEASON_SIGNALS
    ):
        return None  # "prices fall", "spring into action"
    if m["year"]:
        year = int(m["year"])
    elif (
        relation == "the"
        and m.group(0).lower().endswith("fall")
        and ctx.text.startswith(" of", m.end())
    ):
        return None  # "the fall of the wall"
    elif relation in ("last", "past", "previous"):
        # the latest such season that is over: "last summer" in October is this year's
        year = ctx.published.year - (last_month >= ctx.published.month)
    elif relation in ("next", "coming"):
        year = ctx.published.year + (last_month < ctx.published.month)
    elif relation == "this":
        year = ctx.published.year
    else:
        tense = ctx.tense(m.start("season"))
        year = ctx.published.year
        if tense == "past" and last_month - 2 > ctx.published.month:
            year -= 1
        elif tense == "future" and last_month < ctx.published.month:
            year += 1
    return "DATE", f"{year}-{code}", _edge_mod(m["edge"])


def _rule_year(m: re.Match[str], ctx: _Context) -> Normalised | None:
    token = ctx.token_at(m.start("year"))
    head = token.head
    # "1990 shares": a count, not a year (years are rarely the number of a plural noun)
    if (
        token.dep_ == "nummod"
        and head.tag_ in ("NNS", "NNPS")
        and head.lower_ not in _UNIT_WORDS
        and head.lemma_.lower() not in _YEAR_NOUNS
        and not _g(m, "fiscal")
    ):
        return None
    if ctx.text.startswith("s", m.end()):  # a decade is another rule
        return None
    return "DATE", m["year"], _edge_mod(_g(m, "edge"))


_UNIT_WORDS = frozenset({"years", "months", "quarters"})
# plural nouns a year describes rather than counts: "1990 earnings", "the 1989 results"
_YEAR_NOUNS = frozenset(
    {"earning", "result", "sale", "revenue", "profit", "loss", "figure", "level", "estimate",
     "forecast", "election", "budget", "dividend", "price", "olympics", "games"}
)  # fmt: skip


def _quarter_value(m: re.Match[str], ctx: _Context) -> Normalised | None:
    which = (m["which"] or "").lower()
    kind = m["kind"].lower()
    published = ctx.published
    letter = "Q" if kind == "quarter" else "H"
    current = _quarter(published.month) if letter == "Q" else (published.month - 1) // 6 + 1
    explicit = m["year"] or m["year0"]
    relation = (m["rel"] or "").lower()
    year = int(explicit) if explicit else published.year + _YEAR_STEP.get(relation, 0)
    if which in _ORDINALS:
        number = _ORDINALS[which]
        if _g(m, "ago"):
            year -= 1  # "the year-ago third quarter"
        elif (
            not explicit
            and not relation
            and number > current
            and ctx.tense(m.start("kind")) == "past"
        ):
            year -= 1
    elif which in ("current", "this"):
        number = current
    elif which in ("year-earlier", "year-ago"):
        if letter == "Q" and ctx.last_quarter is not None:
            return "DATE", _year_before(ctx), None  # the quarter under report, a year before
        number, year = current - 1, year - 1
    elif letter == "H" and which in ("last", "final"):
        number = 2  # "the last half of 1989"
    elif which == "previous" and letter == "Q" and not explicit and ctx.last_quarter is not None:
        # "the previous quarter" after the quarter a report is about: the one before it
        year, number = int(ctx.last_quarter[:4]), int(ctx.last_quarter[-1]) - 1
    elif (
        letter == "Q"
        and which in ("", "latest", "recent")
        and not (explicit or relation)
        and ctx.last_quarter is not None
    ):
        return "DATE", ctx.last_quarter, None  # "the quarter": the one the report is about
    else:  # "the quarter", "the latest quarter", "last quarter": the last one reported
        number = current - 1
    if number < 1:
        number, year = number + (4 if letter == "Q" else 2), year - 1
    return "DATE", f"{year}-{letter}{number}", None


_YEAR_STEP = {"last": -1, "next": 1, "this": 0}


def _is_title(m: re.Match[str], ctx: _Context, quoted: bool = False) -> bool:
    """Whether a capitalised expression names a programme or paper: "VOA Today", "USA Today",
    and with ``quoted`` a title opening a quotation (ABC's "This Week")."""
    text = ctx.text
    if not (text[m.start()].isupper() and text[m.start() + 1].islower()):
        return False  # not capitalised, or a shouted line ("TALKS RESUME TODAY")
    before = text[max(0, m.start() - 12) : m.start()].rstrip()
    if quoted and before.endswith(('"', "“", "``")):
        return True
    words = before.split()
    return bool(words) and len(words[-1]) > 1 and words[-1].isupper() and words[-1].isalpha()


def _rule_day_word(m: re.Match[str], ctx: _Context) -> Normalised | None:
    word = re.sub(r"\s+", " ", m["word"].lower())
    if _is_title(m, ctx):
        return None
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
               "the day before yesterday": -2, "the day after tomorrow": 2}  # fmt: skip
    day = ctx.published + dt.timedelta(days=offsets[word])
    part = _g(m, "part") or _g(m, "part0")  # "yesterday afternoon", "mid-afternoon yesterday"
    if word == "tonight":
        return "TIME", f"{day.isoformat()}TNI", None
    if part:
        return "TIME", f"{day.isoformat()}T{_PARTS_OF_DAY[part.lower()]}", None
    return "DATE", day.isoformat(), None


def _rule_part_of_day(m: re.Match[str], ctx: _Context) -> Normalised | None:
    day = ctx.published - dt.timedelta(days=m["rel"].lower() == "last")
    return "TIME", f"{day.isoformat()}T{_PARTS_OF_DAY[m['part'].lower()]}", None


def _rule_the_part_of_day(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """ "(placed orders Friday ...) in the morning", "by mid-afternoon": that part of the last
    day named, or of the publication day."""
    if ctx.word_before(m.start()) not in _PART_SIGNALS:
        return None  # "the night the plane went down", "morning papers"
    day = ctx.reference if ctx.seen_day else ctx.published
    return "TIME", f"{day.isoformat()}T{_PARTS_OF_DAY[m['part'].lower()]}", None


_PART_SIGNALS = frozenset({"in", "during", "by", "through", "throughout", "until", "till"})


def _rule_that_part_of_day(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """ "That night, rescuers dug", "the next morning", "the night before": that part of the
    last day named (or of the publication day), of the day after it or of the day before."""
    step = (_g(m, "step") or "").lower()
    part = _g(m, "part") or _g(m, "part2") or _g(m, "before") or ""
    offset = 1 if step in ("next", "following") else -1 if step or _g(m, "before") else 0
    day = (ctx.reference if ctx.seen_day else ctx.published) + dt.timedelta(days=offset)
    return "TIME", f"{day.isoformat()}T{_PARTS_OF_DAY[part.lower()]}", None


def _rule_that_unit(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """ "that year", "that month", "that quarter": the last one of its kind named."""
    unit = m["unit"].lower()
    if unit == "quarter":
        return ("DATE", ctx.named_quarter, None) if ctx.named_quarter else None
    if unit == "month":
        if ctx.reference_month == ctx.published:
            return None  # no month named yet
        return "DATE", ctx.reference_month.isoformat()[:7], None
    if ctx.reference_year == ctx.published:
        return None
    return "DATE", str(ctx.reference_year.year), None


def _rule_weekday(m: re.Match[str], ctx: _Context) -> Normalised | None:
    relation = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    weekday = _WEEKDAYS[m["weekday"].lower()]
    part = _g(m, "part")
    if m["plural"] or m["plural2"]:
        # "on Mondays", "Tuesday nights": every such day (a SET)
        suffix = f"T{_PARTS_OF_DAY[part.lower()]}" if part else ""
        return "SET", f"XXXX-WXX-{weekday + 1}{suffix}", None
    if relation in ("the previous", "the following") and ctx.seen_day:
        # "down 4.5% from the previous Friday": the one before the last day named
        anchor = ctx.reference
        if relation == "the previous":
            days = -((anchor.weekday() - weekday) % 7 or 7)
        else:
            days = (weekday - anchor.weekday()) % 7 or 7
        value = (anchor + dt.timedelta(days=days)).isoformat()
    else:
        token = ctx.token_at(m.start("weekday"))
        head = token.head
        if part and token.dep_ == "compound" and token.i < head.i and head.idx < m.end():
            token = head  # "attacked late Friday night": "night" hangs from the verb
        # "Sunday's talks", "Sunday night service": the noun's own time, not the clause's
        tense = None if token.dep_ in ("poss", "compound") else ctx.tense(m.start(), token)
        if tense == "present" and _scheduled_present(token):
            tense = "future"  # "the talks open Tuesday": a timetable
        # "this coming Sunday" is the coming one
        relation = relation.removeprefix("the ").removeprefix("this ")
        value = _weekday_date(weekday, ctx.published, tense, relation)
    if part:  # "Friday evening" is a TIME: the day plus the part of day (TIMEX3 "TEV")
        return "TIME", f"{value}T{_PARTS_OF_DAY[part.lower()]}", None
    return "DATE", value, None


def _rule_clock(m: re.Match[str], ctx: _Context) -> Normalised | None:
    hour = int(m["hh"]) if m["hh"] else (12 if m["named"].lower() == "noon" else 24)
    minute = int(m["mm"] or 0)
    meridian = (m["ampm"] or "").lower().replace(".", "")
    if hour > 24 or minute > 59:
        return None
    if meridian in ("am", "pm") and not 1 <= hour <= 12:
        return None
    if meridian == "pm" and hour < 12:
        hour += 12
    elif meridian == "am" and hour == 12:
        hour = 0
    day = ctx.published
    anchor = (m["anchor"] or "").lower()
    if anchor in _WEEKDAYS:
        day = dt.date.fromisoformat(_weekday_date(_WEEKDAYS[anchor], day, ctx.tense(m.start()), ""))
    elif anchor in ("yesterday", "tomorrow"):
        day += dt.timedelta(days=-1 if anchor == "yesterday" else 1)
    elif m["mday"]:  # "5 p.m. EST Nov. 9"
        month, month_day = _MONTHS[m["month"].rstrip(".")], int(m["mday"])
        year = int(m["year"]) if m["year"] else None
        year = year or _year_near(month, month_day, day, ctx.tense(m.start()))
        value = _day_value(year, month, month_day)
        if value is None:
            return None
        day = dt.date.fromisoformat(value)
    else:
        day = _clock_day(m, ctx)
    mod = "APPROX" if m["approx"] else None
    return "TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}", mod


def _clock_day(m: re.Match[str], ctx: _Context) -> dt.date:
    """The day of a clock time named without one: the weekday that follows it past "local
    time" or a parenthesis ("10:40 a.m. (0740 GMT) Friday"), else a day named earlier in the same
    sentence ("On Friday, at 10:40 a.m."), else the publication day."""
    after = _CLOCK_DAY_AFTER.match(ctx.text.lower(), m.end())
    if after:
        word = after["day"]
        if word in _WEEKDAYS:
            value = _weekday_date(_WEEKDAYS[word], ctx.published, ctx.tense(m.start()), "")
            return dt.date.fromisoformat(value)
        return ctx.published + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
    if ctx.seen_day and ctx.reference_start >= 0:
        sentence = ctx.token_at(m.start()).sent
        if sentence.start_char <= ctx.reference_start:
            return ctx.reference
    return ctx.published


_CLOCK_DAY_AFTER = re.compile(
    r"(?:\s+local\s+time)?(?:\s*\([^()\n]{1,30}\))?\s*,?\s*(?:on\s+)?(?P<day>monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|yesterday|today|tomorrow)\b"
)


def _rule_zoned_clock(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """ "0740 GMT", "1930 UTC": a 24-hour wire-service clock time (never a year)."""
    return "TIME", f"{_clock_day(m, ctx).isoformat()}T{m['hh']}:{m['mm']}", None


def _rule_relative_unit(m: re.Match[str], ctx: _Context) -> Normalised | None:
    relation = re.sub(r"\s+", " ", m["rel"].lower())
    if ctx.text[m.start("unit")].isupper() and _is_title(m, ctx, quoted=True):
        return None  # ABC's "This Week"
    unit = _unit(m["unit"])
    published = ctx.published
    mod = _edge_mod(m["edge"])
    if unit == "century" and relation in ("the next", "the coming"):
        # "in the next century" names the calendar century ahead, not a hundred years
        return "DATE", f"{published.year // 100 + 1}", mod
    if relation == "the past" and unit == "year":
        # "grew rapidly over the past year": TimeML (and TimeBank) name the year gone, a DATE
        # (the plural "the past three years" stays a length of time)
        return "DATE", str(published.year - 1), mod
    if relation in ("the past", "the last", "the next", "the coming"):
        # "in the past week", "the next month": a length of time up to or from now
        return "DURATION", _duration(1, unit), None
    if relation in ("the same",):
        return None
    step = {"last": -1, "past": -1, "this past": -1, "previous": -1, "the previous": -1, "next": 1,
            "coming": 1, "the following": 1}.get(relation, 0)  # fmt: skip
    if relation in ("the previous", "the following"):
        # relative to the last date named at the unit's precision ("In March ... the
        # following month" is April), not to the publication date
        published = {"month": ctx.reference_month, "year": ctx.reference_year,
                     "decade": ctx.reference_year}.get(unit, ctx.reference)  # fmt: skip
    if unit == "weekend":
        return "DATE", f"{_shift(published, step, 'week', 1)}-WE", mod
    if unit == "century":
        return "DATE", f"{published.year // 100 + step}", mod
    value = _shift(published, step, unit, 1)
    return ("DATE", value, mod) if value else None


def _rule_ago(m: re.Match[str], ctx: _Context) -> Normalised | None:
    amount = _number(m["number"])
    unit = _unit(m["unit"])
    direction = m["dir"].lower()
    sign = 1 if direction in ("later", "after", "hence") or "now" in direction else -1
    anchor = ctx.published if direction in ("ago", "hence") or "now" in direction else ctx.reference
    if direction in _ANCHORED_SIGNALS and not (unit == "year" and sign < 0):
        # "three days later", "a month after": TimeML annotates the length, anchored on
        # another event, as a DURATION and leaves the signal outside (find_timexes trims
        # it); "a year earlier" stays the comparison period (a DATE)
        return "DURATION", _duration(amount, unit), _APPROX_MODS.get((m["approx"] or "").lower())
    if amount is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    if unit == "year" and amount == 1 and sign < 0:
        return "DATE", _year_before(ctx), None
    value = _shift(anchor, amount, unit, sign)
    return ("DATE", value, None) if value else None


_ANCHORED_SIGNALS = frozenset({"later", "after", "earlier", "before"})


def _rule_day_relative(m: re.Match[str], ctx: _Context) -> Normalised | None:
    unit = _unit(m["unit"])
    sign = -1 if m["dir"].lower() in ("before", "earlier") else 1
    if m.group(0)[0] in "aA" and not (unit == "year" and sign < 0):
        return "DURATION", _duration(1, unit), None  # "a month after ...": see _rule_ago
    value = _shift(ctx.reference, 1, unit, sign)
    return ("DATE", value, None) if value else None


def _rule_duration(m: re.Match[str], ctx: _Context) -> Normalised | None:
    if m["suffix"] == "-old" or _AGE.match(ctx.text, m.end()):
        return None  # an age ("a 6-year-old", "52 years old") is no temporal expression in TimeML
    amount = _number(m["number"])
    unit = _unit(m["unit"])
    if (
        m.group(0).lower() == "one day"
        and ctx.word_before(m.start()) in _FUTURE_AUX | _MODAL_AUX | {"to"}
        and ctx.tense(m.start()) == "future"
    ):
        return "DATE", "FUTURE_REF", None  # "Islam will one day be ...": some future day
    if (m["half"] or m["half2"]) and amount is not None:
        amount += 0.5
    number_text = m["number"].lower()
    if number_text in ("a", "an") and not m["mod"]:
        before = ctx.text[max(0, m.start() - 12) : m.start()].rstrip().lower()
        if before[-1:].isdigit() or before.endswith(_RATE_ENDINGS):
            return "SET", _duration(1, unit), None  # "$5 a year", "twice a week"
        if unit == "quarter":
            return None
    if amount is not None and amount > 1000:
        return None  # "1988 second quarter", "3000 days" are not durations
    if unit in ("second", "quarter") and number_text in ("a", "an") and not m["mod"]:
        return None  # "a second round", "a quarter of the votes"
    if unit == "quarter" and "-" in m.group(0) and m["unit"].endswith("s"):
        return None  # "three-quarters" is a fraction
    if (
        unit == "quarter"
        and m["mod"] is None
        and number_text not in _NUMBER_WORDS
        and number_text not in ("several", "few", "a few")
    ):
        return None
    return "DURATION", _duration(amount, unit), _APPROX_MODS.get((m["approx"] or "").lower())


_RATE_ENDINGS = ("twice", "once", "times", "%", "cents", "million", "billion", "thousand",
                 "percent", "dollars")  # fmt: skip
_AGE = re.compile(r"\s+old\b")
_APPROX_MODS = {"about": "APPROX", "around": "APPROX", "roughly": "APPROX", "nearly": "APPROX",
                "almost": "APPROX", "some": "APPROX", "more than": "MORE_THAN", "over": "MORE_THAN",
                "less than": "LESS_THAN", "under": "LESS_THAN", "at least": "EQUAL_OR_MORE",
                "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS"}  # fmt: skip


_RANGE_LOW_RE = (
    rf"(?P<low>\d+(?:\.\d+)?|(?:{_TENS_WORDS})(?:[\s-](?:{_DIGITS}))?|{_TEENS_WORDS}|{_DIGITS})"
)


def _rule_range(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """ "12 to 18 months", "two or three weeks": one vague duration of that unit."""
    if m["low"][0].isdigit() and float(m["low"]) > 1000:
        return None  # "1990 to 1995 years": not a range of durations
    return "DURATION", _duration(None, _unit(m["unit"])), None


def _rule_bare_plural(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """ "for years", "within weeks", "over the years", "the weeks ahead", "months of talks"."""
    unit = next(m[name] for name in _PLURAL_GROUPS if m[name])
    return "DURATION", _duration(None, _unit(unit)), None


# unit7: "Hours later", "minutes before the attack": a vague length anchored on another event
# unit8: "the first hours of the war", "the early years": an unnumbered stretch of time
_PLURAL_GROUPS = ("unit", "unit2", "unit3", "unit4", "unit5", "unit6", "unit7", "unit8")


def _rule_set(m: re.Match[str], ctx: _Context) -> Normalised | None:
    target = m["target"].lower()
    if target in _MONTHS:
        if not ctx.text[m.start("target")].isupper():
            return None  # "each may apply"
        return "SET", f"XXXX-{_MONTHS[target]:02d}", None  # "each July"
    if target in _SEASONS:
        return "SET", f"XXXX-{_SEASONS[target][0]}", None  # "every summer"
    if target in _WEEKDAYS:
        return "SET", f"XXXX-WXX-{_WEEKDAYS[target] + 1}", None
    if target in _PARTS_OF_DAY:
        return "SET", f"TXX{_PARTS_OF_DAY[target]}", None
    amount = _number(m["number"]) if m["number"] else 1.0
    return "SET", _duration(amount, _unit(target)), None


def _rule_set_word(m: re.Match[str], ctx: _Context) -> Normalised | None:
    if ctx.text[m.start()].isupper() and not ctx.token_at(m.start()).is_sent_start:
        return None  # "People's Daily"
    return "SET", _SET_WORDS[m["word"].lower()], None


def _rule_vague(m: re.Match[str], ctx: _Context) -> Normalised | None:
    word = re.sub(r"\s+", " ", m["word"].lower())
    if word == "soon" and ctx.tense(m.start()) == "past":
        return None  # "soon became": soon after another event, not after now
    if word in _PRESENT_WORDS:
        return "DATE", "PRESENT_REF", None
    if word.endswith("future") and _future_as_prospects(m, ctx):
        return None
    if "future" in word or "soon" in word or "coming" in word:
        return "DATE", "FUTURE_REF", None
    return "DATE", "PAST_REF", None


def _future_as_prospects(m: re.Match[str], ctx: _Context) -> bool:
    """ "the future of our peoples", "the future looks bleak": the prospects of something,
    not a time (unlike "in the future", "worried about the future")."""
    if ctx.text.startswith(" of ", m.end()):
        return True
    return ctx.token_at(m.end() - 1).dep_ in ("nsubj", "nsubjpass")


_PRESENT_WORDS = frozenset(
    {"now", "currently", "nowadays", "presently", "at present", "the present", "these days",
     "at the moment", "right now", "for now", "today's"}
)  # fmt: skip


def _rule_year_compound(m: re.Match[str], ctx: _Context) -> Normalised | None:
    word = m["word"].lower()
    if word in ("year-earlier", "year-ago"):
        return "DATE", _year_before(ctx), None
    year = ctx.published.year
    if ctx.word_before(m.start()) == "since" and ctx.published.month < 12:
        year -= 1  # "up 5% since year-end": the end of the year before
    # TIMEX3 writes "the end of the year" as the year with mod END, not as its last day
    return "DATE", str(year), "END"


def _year_before(ctx: _Context) -> str:
    """ "a year earlier": in a report about a quarter, the same quarter a year before."""
    if ctx.last_quarter is not None:
        return f"{int(ctx.last_quarter[:4]) - 1}{ctx.last_quarter[4:]}"
    if ctx.last_period is not None:
        return f"{int(ctx.last_period[:4]) - 1}{ctx.last_period[4:]}"
    return str(ctx.published.year - 1)


def _rule_in_the_unit(m: re.Match[str], ctx: _Context) -> Normalised | None:
    unit = _unit(m["unit"])
    edge = _g(m, "edge")
    if unit == "month" and not edge:
        return None  # a bare "the month" is left to the context
    if unit != "weekend" and not edge and _ENDED.match(ctx.text, m.end()):
        # "the year ended March 31", "the week ending Friday": a length up to a date
        return "DURATION", _duration(1, unit), None
    adjective = (_g(m, "adj") or "").lower()
    before = ctx.word_before(m.start())
    # "during the week", "throughout the year" measure a stretch of time; "for the year"
    # in a report ("sales for the year rose", "a high for the year") names the period itself
    if before in ("during", "over", "throughout") and unit != "weekend" and not (edge or adjective):
        return "DURATION", _duration(1, unit), None
    mod = _edge_mod(edge)
    if unit == "year":
        return "DATE", str(ctx.published.year), mod  # "the full year", "the current fiscal year"
    if unit == "week":
        return "DATE", _iso_week(ctx.published), mod
    if unit == "weekend":
        # on a weekend it is this one; on a weekday the one just gone in past clauses
        day = ctx.published
        if day.weekday() < 5 and ctx.tense(m.start("unit")) == "past":
            day -= dt.timedelta(days=7)
        return "DATE", f"{_iso_week(day)}-WE", None
    return "DATE", f"{ctx.published.year}-{ctx.published.month:02d}", mod


_EDGE_RE = r"(?:(?P<edge>early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|"
_EDGE_RE += r"the\s+start\s+of)[\s-]+(?:in\s+)?)?"


def _rule_century(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """ "the 20th century" is TIMEX3 "19" (the years 1900-1999), "the 11th century" "10"."""
    number = int(m["nth"]) if m["nth"] else _CENTURY_ORDINALS[m["nthword"]]
    if not 1 < number <= 21:
        return None
    return "DATE", f"{number - 1:02d}", _edge_mod(m["edge"])


_CENTURY_ORDINALS = {"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                     "nineteenth": 19, "twentieth": 20, "twenty-first": 21}  # fmt: skip
_SPELLED_DECADES = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                    "seventies": 7, "eighties": 8, "nineties": 9}  # fmt: skip


def _rule_spelled_decade(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """ "the nineties": the decade of the century the text is written in (199)."""
    century = ctx.published.year // 100
    decade = _SPELLED_DECADES[m["word"]]
    if century * 100 + decade * 10 > ctx.published.year:
        century -= 1  # "the nineties" written in 2005 are the 1990s
    return "DATE", f"{century}{decade}", _edge_mod(m["edge"])


def _rule_decade(m: re.Match[str], ctx: _Context) -> Normalised | None:
    if m["decade"]:
        return "DATE", m["decade"], _edge_mod(m["edge"])
    if m["decade2"]:
        century = "19" if int(m["decade2"]) > 20 else "20"
        return "DATE", f"{century}{m['decade2'][0]}", _edge_mod(m["edge"])
    return None


def _rule_quarter(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """ "the third quarter", "fourth-quarter", "the first half of 1990", "the quarter"."""
    text = m.group(0).lower()
    if not m["which"] and not text.startswith("the") and not m["rel"]:
        return None  # a bare "quarter" ("a quarter of the votes") is no date
    which = (m["which"] or "").lower()
    if (
        m["kind"].lower() == "half"
        and which not in ("first", "second")
        and not (which in ("last", "final") and m["year"])
    ):
        return None  # "the last half" needs its year ("the last half of 1989")
    return _quarter_value(m, ctx)


def _rule_period(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """ "the latest period", "the 1988 period": in a report about a quarter, that quarter."""
    quarter = ctx.last_quarter
    if m["year"]:
        return "DATE", m["year"] + (quarter[4:] if quarter else ""), None
    return ("DATE", quarter, None) if quarter else None


def _rule_two_quarters(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """ "the first two quarters of 1990": a half year."""
    year = m["year"] or str(ctx.published.year)
    return "DATE", f"{year}-H{1 if m['which'].lower() == 'first' else 2}", None


def _rule_named_day(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """ "the final day", "that same day", "the next day": relative to the last day named."""
    which = (m["which"] or "same").lower()
    offset = {"next": 1, "following": 1, "previous": -1}.get(which, 0)
    if offset == 0 and not ctx.seen_day:
        return None
    return "DATE", (ctx.reference + dt.timedelta(days=offset)).isoformat(), None


def _rule_nth_day(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """ "(today is) the eighth day of the blockade", "fell for a second straight day": in a
    present clause the publication day, in a past one the last day named."""
    tense = ctx.tense(m.start())
    if tense == "future":
        return None  # "the third day of the summit will ...": which day is not said
    if tense == "past" and ctx.seen_day:
        return "DATE", ctx.reference.isoformat(), None
    return "DATE", ctx.published.isoformat(), None


def _rule_in_the_day(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """ "later in the day": the last day named, or the publication day."""
    return "DATE", (ctx.reference if ctx.seen_day else ctx.published).isoformat(), None


def _rule_frequency(m: re.Match[str], ctx: _Context) -> Normalised | None:
    return "SET", _duration(1, _unit(m["unit"] or m["unit2"])), None


_UNDER_HUNDRED = (
    rf"(?:(?:{_TENS_WORDS})(?:[\s-](?:{_DIGITS}))?|{_TEENS_WORDS}|(?:oh\s+)?(?:{_DIGITS}))"
)
# "nineteen ninety-four", "eighteen oh five", "nineteen hundred", "two thousand (and) one"
_SPELLED_YEAR_RE = (
    rf"(?P<spelled>(?:eighteen|nineteen)(?:[\s-]+hundred|[\s-]+{_UNDER_HUNDRED})"
    rf"|two\s+thousand(?:(?:\s+and)?[\s-]+{_UNDER_HUNDRED})?)"
)
_MONTH_LOWER_RE = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept?\.|oct\.|nov\.|dec\.)"
)


def _spelled_number(words: list[str]) -> int:
    """ "ninety four" -> 94, "oh five" -> 5, "eleven" -> 11."""
    return sum(int(_NUMBER_WORDS.get(word, 0)) for word in words if word not in ("oh", "and"))


def _rule_spelled_year(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """A year in words, as transcripts write them: "the winter of nineteen ninety-four"."""
    words = re.split(r"[\s-]+", m["spelled"].lower())
    if words[0] == "two":  # "two thousand" is a year only where the text says so
        if not (m["lead"] or m["month"] or m["season"]):
            return None
        year = 2000 + _spelled_number(words[2:])
    elif words[1] == "hundred":
        year = 100 * int(_NUMBER_WORDS[words[0]])
    else:
        year = 100 * int(_NUMBER_WORDS[words[0]]) + _spelled_number(words[1:])
    if re.match(r"\s+(?:years?|percent|people|dollars)\b", ctx.text[m.end() :].lower()):
        return None  # a count, not a year
    if m["month"]:
        return "DATE", f"{year}-{_MONTHS[m['month'].rstrip('.')]:02d}", None
    if m["season"]:
        return "DATE", f"{year}-{_SEASONS[m['season']][0]}", None
    return "DATE", str(year), None


_HOLIDAY_RE = (
    r"(?P<holiday>Thanksgiving(?:\s+Day)?|Christmas(?:\s+Day|\s+Eve)?|New\s+Year['’]s(?:\s+Day"
    r"|\s+Eve)?|Easter(?:\s+Sunday)?|Halloween|Valentine['’]s\s+Day|Labor\s+Day|Memorial\s+Day)"
)


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    weekday_offset = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday_offset) // 433
    month = (h + weekday_offset - 7 * m + 90) // 25
    return dt.date(year, month, (h + weekday_offset - 7 * m + 33 * month + 19) % 32)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth (1-based; -1 for the last) such weekday of a month."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _holiday_date(name: str, year: int) -> dt.date:
    """The date of a (US-calendar) holiday in a year; "New Year's Eve" is the year's last day."""
    key = re.sub(r"[\s'’]+", " ", name.lower())
    if key.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)
    if key.startswith("easter"):
        return _easter(year)
    if key.startswith("labor"):
        return _nth_weekday(year, 9, 0, 1)
    if key.startswith("memorial"):
        return _nth_weekday(year, 5, 0, -1)
    if key.startswith("new year"):
        return dt.date(year, 12, 31) if key.endswith("eve") else dt.date(year, 1, 1)
    if key.startswith("christmas"):
        return dt.date(year, 12, 24 if key.endswith("eve") else 25)
    if key.startswith("halloween"):
        return dt.date(year, 10, 31)
    return dt.date(year, 2, 14)  # Valentine's Day


def _rule_holiday(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """ "Thanksgiving Day", "last Christmas", "Easter 1998": the holiday's date, its year
    from the clause's tense like any undated day."""
    name = m["holiday"]
    if m["year"]:
        return "DATE", _holiday_date(name, int(m["year"])).isoformat(), None
    if m["week"]:  # "Easter week": the ISO week of this year's feast
        return "DATE", _iso_week(_holiday_date(name, ctx.published.year)), None
    published = ctx.published
    this_year = _holiday_date(name, published.year)
    relation = (m["rel"] or "").lower()
    if relation == "last":
        year = published.year - (this_year >= published)
    elif relation == "next":
        year = published.year + (this_year <= published)
    elif relation == "this":
        year = published.year
    else:
        year = _year_near(this_year.month, this_year.day, published, ctx.tense(m.start("holiday")))
    return "DATE", _holiday_date(name, year).isoformat(), None


def _rule_midweek(m: re.Match[str], ctx: _Context) -> Normalised | None:
    """ "in mid-week": the middle of the week the clause's tense points to (this week
    unless it is not yet, or no longer, midweek on the publication day)."""
    tense = ctx.tense(m.start())
    weekday = ctx.published.weekday()
    step = -1 if tense == "past" and weekday < 2 else 1 if tense == "future" and weekday > 3 else 0
    return "DATE", _iso_week(ctx.published + dt.timedelta(weeks=step)), "MID"


# (pattern, rule, the anchor categories that make the pattern worth trying)
_RULES: tuple[tuple[re.Pattern[str], Rule, str], ...] = (
    (_rx(r"\bmid-?week\b"), _rule_midweek, "unit"),
    (_cased(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:T(?P<hh>\d{2}):(?P<mm>\d{2}))?\b"),
     _rule_iso, "digit"),
    (_cased(rf"\b(?:(?i:(?P<approx>about|around|approximately))\s+)?"
            rf"(?:(?i:(?P<rel>last|next|this\s+coming|this|coming))\s+)?(?:{_WEEKDAY_RE},?\s+)?"
            rf"{_MONTH_DAY_RE}\s+(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?i:(?P<dayword>{_DAY_ORDINAL_RE}))(?![\w-]))"
            r"\b(?:,?\s+(?P<year>\d{4})\b|,?\s+(?i:(?P<yrel>this|last|next)\s+year)\b)?"),
     _rule_month_day, "month"),
    (_cased(rf"\b(?:{_WEEKDAY_RE},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            rf"{_MONTH_RE}(?:,?\s+(?P<year>\d{{4}})\b)?"), _rule_month_day, "month"),
    (_cased(rf"(?i:{_EDGE_RE}){_MONTH_RE},?\s+(?:of\s+)?(?P<year>\d{{4}})\b"),
     _rule_month_year, "month"),
    (_cased(rf"(?i:{_EDGE_RE}){_MONTH_RE}\s+(?i:(?P<rel>this|last|next)\s+year)\b"),
     _rule_month_year, "month"),
    (re.compile(r"\b(?P<mo>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})\b"), _rule_numeric, "digit"),
    (_cased(rf"(?i:{_EDGE_RE})(?:(?i:(?P<rel>last|next|this\s+past|this|past|coming|previous))\s+)?"
            rf"{_MONTH_RE}(?![\w-]|\s+\d)"), _rule_month, "month"),
    (_rx(rf"{_EDGE_RE}(?:(?P<rel>last|next|this\s+past|this|past|coming|previous|the)\s+)?"
         r"(?P<season>spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?(?P<year>\d{4})\b)?"),
     _rule_season, "season"),
    (re.compile(rf"(?<![\w$.,/-])(?i:{_EDGE_RE})(?:(?i:the\s+year)\s+|(?P<fiscal>[Ff]iscal)\s+)?"
                r"(?P<year>1[6-9]\d\d|20\d\d)(?![\w%-]|[.,]\d)"), _rule_year, "digit"),
    (_rx(rf"(?:the\s+)?{_EDGE_RE}(?:(?P<decade>1[6-9]\d|20\d)0|')(?P<decade2>\d{{2}})?s\b"
         ), _rule_decade, "digit"),
    (_rx(rf"\b(?:the\s+)?{_EDGE_RE}(?:(?P<nth>\d{{1,2}})(?:st|nd|rd|th)|(?P<nthword>fifteenth|sixteenth|"
         r"seventeenth|eighteenth|nineteenth|twentieth|twenty-first))[\s-]+century\b"),
     _rule_century, "unit"),
    (_rx(rf"\bthe\s+{_EDGE_RE}(?P<word>twenties|thirties|forties|fifties|sixties|seventies|"
         r"eighties|nineties)\b"), _rule_spelled_decade, "decade"),
    (_rx(r"\bthe\s+(?:latest|most\s+recent|(?P<year>\d{4}))\s+period\b"), _rule_period,
     "period"),
    (_rx(r"(?:the\s+)?(?P<which>first|last|final|second)\s+two\s+quarters(?:\s+of\s+(?:fiscal\s+)?"
         r"(?P<year>\d{4}))?\b"), _rule_two_quarters, "quarter"),
    (_rx(r"(?:the\s+)?(?:(?P<year0>\d{4})\s+|(?P<rel>this|last|next)\s+year's\s+)?"
         r"(?:(?:comparable|corresponding)\s+)?(?:(?P<ago>year-earlier|year-ago)\s+(?=(?:fiscal\s+)?"
         r"(?:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]))?"
         r"(?:(?P<fiscal>fiscal)\s+)?(?:(?P<which>first|second|third|fourth|1st|2nd|"
         r"3rd|4th|latest|last|current|this|previous|year-earlier|year-ago|recent|final)"
         r"[\s-]+)?(?:fiscal\s+)?(?P<kind>quarter|half)(?![\w-]|\s+(?:century|hour|mile|point))"
         r"(?:\s+of\s+(?:fiscal\s+)?(?P<year>\d{4}))?"), _rule_quarter, "quarter"),
    (_rx(r"\b(?:(?:early|late|earlier|later)\s+)?(?:(?:mid-?)?(?P<part0>morning|afternoon|evening)"
         r"\s+(?=yesterday|today|tomorrow))?(?P<word>the\s+day\s+before\s+yesterday|"
         r"the\s+day\s+after\s+tomorrow|today|tonight"
         rf"|yesterday|tomorrow)(?:\s+{_PART_RE})?\b"), _rule_day_word, "dayword"),
    (_rx(rf"\b(?:(?:early|late|earlier|later)\s+)?(?P<rel>this|last)\s+{_PART_RE}\b"),
     _rule_part_of_day, "part"),
    (_rx(r"\b(?:the\s+(?:(?:early|late)\s+)?|mid[-\s]?)(?P<part>morning|afternoon|evening)\b"
         r"(?!\s+(?:of|yesterday|today|tomorrow)\b|-)"), _rule_the_part_of_day, "part"),
    (_rx(r"\bthat\s+(?P<unit>year|month|quarter)\b(?!-)"), _rule_that_unit, "unit quarter"),
    (_rx(rf"\b(?:later\s+|earlier\s+)?that\s+{_PART_RE}\b|\bthe\s+(?P<step>next|following|"
         r"previous)\s+(?P<part2>morning|afternoon|evening|night)\b|\bthe\s+(?P<before>night|evening)\s+before\b"),
     _rule_that_part_of_day, "part"),
    (_cased(rf"\b(?:(?i:(?P<early>early|late|earlier|later)\s+))?(?:(?i:(?P<rel>last|next|this|"
            rf"past|this\s+coming|coming|the\s+previous|the\s+following|previous))\s+)?{_WEEKDAY_RE}"
            rf"(?P<plural>s)?(?:\s+(?i:{_PART_RE})(?P<plural2>s)?)?\b"), _rule_weekday, "weekday"),
    (_rx(r"\b(?:(?P<approx>about|around|approximately)\s+)?"
         r"(?:(?P<hh>\d{1,2})(?::(?P<mm>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b|o'clock)"
         r"|(?P<named>noon|midnight))(?:\s+(?:[ecmp][sd]t|gmt|utc)\b)?(?:\s+(?:on\s+)?(?P<anchor>monday|tuesday"
         r"|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow)\b"
         rf"|,?\s+(?:on\s+)?{_MONTH_LOWER_RE}\s+(?P<mday>\d{{1,2}})\b(?:,?\s+(?P<year>\d{{4}})\b)?)?"),
     _rule_clock, "digit clock"),
    (_rx(r"\b(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s+(?:gmt|utc|[ecmp][sd]t)\b"),
     _rule_zoned_clock, "digit"),
    (_rx(rf"\b{_EDGE_RE}(?:(?P<early>earlier|later)\s+(?:in\s+)?)?(?P<rel>this\s+past|this|last|next|past|coming|"
         r"previous|current|the\s+past|the\s+coming|the\s+next|the\s+previous|the\s+following|"
         r"the\s+current|the\s+last|the\s+same)\s+(?P<unit>week|weekend|month|year|decade|century)\b"
         r"(?:\s+or\s+so\b)?"),
     _rule_relative_unit, "unit"),
    (_rx(rf"\b{_APPROX_RE}{_NUMBER_RE}[\s-]+{_UNIT_RE}(?:\s+or\s+so)?\s+"
         r"(?P<dir>ago|earlier|later|from\s+now|hence|before(?=\s*[.,;:)]|$)|after(?=\s*[.,;:)]|$))"),
     _rule_ago, "unit"),
    (_rx(r"\b(?:the|a)\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after|earlier|later)\b"),
     _rule_day_relative, "unit"),
    (_rx(r"\b(?:the|that)\s+(?P<which>final|last|first|same|next|following|previous|opening|"
         r"closing)\s+day\b|\bthat\s+(?P<which2>same\s+)?day\b"),
     _rule_named_day, "unit"),
    (_rx(r"\b(?:the|a)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
         r"\d{1,3}(?:st|nd|rd|th))\s+(?:(?:straight|consecutive|successive|full)\s+)?day\b"),
     _rule_nth_day, "unit"),
    (_rx(r"(?:(?<=\blater\sin\s)|(?<=\bearlier\sin\s))the\s+day\b"), _rule_in_the_day, "unit"),
    (_rx(rf"\b(?:(?:the\s+)?(?P<mod>past|last|next|first|final|coming|previous|following|latest|"
         rf"initial|remaining|full|entire|whole|other|additional|extra)\s+|(?P<det>the)\s+(?=\S+\s)|"
         rf"{_APPROX_RE}){_NUMBER_RE}(?:\s+(?P<half>and\s+a\s+half|1/2))?"
         rf"(?:\s+(?:more|additional|extra|trading|business|working))?[\s-]+{_UNIT_RE}"
         r"(?P<half2>\s+and\s+a\s+half)?(?P<suffix>-old|-long)?(?![\w-])"),
     _rule_duration, "unit quarter"),
    (_rx(rf"\b(?:(?:the\s+)?(?:past|last|next|coming|first|previous)\s+)?{_RANGE_LOW_RE}\s+(?:to|or)\s+"
         rf"{_NUMBER_RE}[\s-]+{_UNIT_RE}(?![\w-])"), _rule_range, "unit"),
    (_rx(r"(?<=\bfor\s)(?P<unit>years|decades|months|weeks|days|hours|centuries)\b"
         r"|(?<=\bwithin\s)(?P<unit2>years|months|weeks|days|hours)\b"
         r"(?:\s+or\s+(?:years|months|weeks|days|hours)\b)?"
         r"|(?<=\bin\s)(?P<unit3>years|decades|months)\b(?!\s+(?:past|to\s+come|gone)\b)"
         r"|(?:(?<=\bover\s)|(?<=\bthrough\s))the\s+(?P<unit4>years|decades)\b"
         r"|\bthe\s+(?P<unit5>days|weeks|months|years)\s+ahead\b"
         r"|(?<!\bthe\s)\b(?P<unit6>days|weeks|months|years|decades)(?=\s+of\s)"
         r"|(?<!\bthe\s)\b(?P<unit7>minutes|hours|days|weeks|months|years|decades)(?=,?\s+(?:later|earlier|before|after)\b)"
         r"|\bthe\s+(?:first|last|final|early|opening|closing)\s+"
         r"(?P<unit8>minutes|hours|days|weeks|months|years|decades)\b"),
     _rule_bare_plural, "unit"),
    (_rx(rf"\b(?:every|each)\s+(?:other\s+)?(?:{_NUMBER_RE}\s+)?(?P<target>day|week|month|year|"
         r"hour|minute|quarter|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|"
         r"evening|night|afternoon|january|february|march|april|may|june|july|august|september|"
         r"october|november|december|spring|summer|fall|autumn|winter)s?\b"), _rule_set,
     "unit weekday part month season quarter"),
    (_rx(r"\b(?P<word>daily|nightly|weekly|monthly|annually|yearly|hourly|biweekly)\b"),
     _rule_set_word, "setword"),
    (_rx(r"\b(?:once|twice|thrice|\w+\s+times)\s+(?:a|an|per|every|each)\s+"
         r"(?P<unit>day|week|month|year|hour|minute|quarter)\b|\bper\s+(?P<unit2>day|week|month|"
         r"year|hour|minute|quarter)\b"), _rule_frequency, "unit"),
    (_rx(r"\b(?P<word>now|currently|nowadays|presently|at\s+present|these\s+days|at\s+the\s+moment"
         r"|recently|lately|formerly|(?:the\s+)?(?:recent|distant)\s+past|"
         r"the\s+past|the\s+present|(?:the\s+)?(?:near\s+|distant\s+|foreseeable\s+)?future(?=[.,;]|"
         r"\s+(?:and|or|but)\b)|the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|"
         r"recent\s+(?:years|months|weeks|days|decades)|(?:the\s+)?coming\s+(?:years|months|weeks|"
         r"days|decades|quarters)|future\s+(?:years|months|quarters)|as\s+soon\s+as\s+possible|(?<!as\s)soon(?!\s+(?:after|before|as|enough|"
         r"thereafter)\b|er\b))\b"), _rule_vague, "vague unit quarter"),
    (_rx(r"\b(?P<word>year-earlier|year-ago|(?<![\w-])(?:year[-\s]end|year's\s+end))\b(?!-)"),
     _rule_year_compound, "unit"),
    (_rx(r"\b(?:the\s+)?(?P<word>year-earlier|year-ago)\s+period\b"), _rule_year_compound,
     "period"),
    (_rx(rf"\b(?:(?P<lead>the\s+year)\s+|{_MONTH_LOWER_RE}\s+|(?:the\s+)?(?P<season>spring|summer"
         rf"|fall|autumn|winter)\s+(?:of\s+)?)?{_SPELLED_YEAR_RE}\b"),
     _rule_spelled_year, "spelled"),
    (_cased(rf"\b(?:(?i:(?P<rel>last|next|this))\s+)?{_HOLIDAY_RE}(?:,?\s+(?P<year>\d{{4}})|"
            r"\s+(?P<week>week))?\b"),
     _rule_holiday, "holiday"),
    (_rx(r"\b(?:(?:earlier|later)\s+in\s+)?(?:(?P<edge>the\s+(?:end|beginning|middle|start))\s+of\s+)?"
         r"the\s+(?:(?P<adj>full|current)\s+)?(?:fiscal\s+)?(?P<unit>year|week|weekend|month)"
         r"(?![\w-])"), _rule_in_the_unit, "unit"),
)  # fmt: skip

# One cheap pass finds the words every expression hinges on; each rule then runs only in a
# window around those words instead of over the whole text.
_ANCHOR = re.compile(
    r"\b(?:(?P<digit>\d{4}s?|\d0s|\d{1,2}(?=/\d|(?::\d\d)?\s*(?:[ap]\.?m\b|o'clock)))|"
    r"(?P<month>january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)|(?P<weekday>"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?)|(?P<dayword>today|tonight|"
    r"yesterday|tomorrow)|(?P<part>morning|afternoon|evening|night)|(?P<clock>noon|midnight)|"
    r"(?P<quarter>quarters?|half)|(?P<period>period)|(?P<unit>seconds?|minutes?|hours?|days?|weeks?|midweek|weekends?|"
    r"months?|years?|decades?|century|centuries)|(?P<season>spring|summer|fall|autumn|winter)|"
    r"(?P<setword>daily|nightly|weekly|monthly|annually|yearly|hourly|biweekly)|(?P<vague>now|"
    r"currently|nowadays|presently|present|moment|recently|lately|formerly|past|future|soon)|"
    r"(?P<spelled>eighteen|nineteen|thousand)|(?P<decade>twenties|thirties|forties|fifties|"
    r"sixties|seventies|eighties|nineties)|(?P<holiday>thanksgiving|christmas|new year['’]s|"
    r"easter|halloween|valentine['’]s|labor day|memorial day))\b"
)  # run over the lower-cased text: much faster than re.IGNORECASE
_WINDOW_BEFORE, _WINDOW_AFTER = 50, 45
_CASED_RULES = frozenset(
    i for i, (pattern, _, _) in enumerate(_RULES) if pattern in _CASED_PATTERNS
)
_RULES_BY_ANCHOR: dict[str, tuple[int, ...]] = {
    category: tuple(i for i, (_, _, wanted) in enumerate(_RULES) if category in wanted.split())
    for category in _ANCHOR.groupindex
}


_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MONTH_VALUE = re.compile(r"^\d{4}-\d{2}$")
_ENDS_WITH_DAY = re.compile(r"\d(?:st|nd|rd|th)?$", re.IGNORECASE)
# "Jan. 10 to 12", "June 5-7", "March 3 through 5": a bare day closing a range of days
_RANGE_END = re.compile(
    r"\s*(?:-|\u2013|to|through|thru|until|till|and)\s*(?P<day>\d{1,2})\b"
    r"(?!\s*(?:[ap]\.?m\b|:|%|percent|per\b|o'clock|(?:[a-z]+\s+)?(?:people|years?|days?|"
    r"hours?|months?|weeks?|minutes?)\b))",
    re.IGNORECASE,
)
_PARAGRAPH = re.compile(r"\n\s*\n")
_QUARTER_VALUE = re.compile(r"^\d{4}-Q\d$")
_YEAR_MONTH_VALUE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-\d{2})?)?$")


def find_timexes(doc: Doc, published: dt.date) -> tuple[Timex, ...]:
    """Temporal expressions in ``doc``, normalised relative to ``published``, in text order."""
    if isinstance(published, dt.datetime):
        published = published.date()  # values are calendar dates, never "...T00:00:00"
    text = nlp.text_of(doc)
    ctx = _Context(doc, text, published)
    seen: set[tuple[int, int, int]] = set()
    candidates: list[_Candidate] = []
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two: keep offsets right
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    cased = _title_case_shouting(text)
    for hit in _ANCHOR.finditer(lowered):
        low = max(0, hit.start() - _WINDOW_BEFORE)
        high = hit.end() + _WINDOW_AFTER
        for index in _RULES_BY_ANCHOR[hit.lastgroup or ""]:
            pattern, rule, _ = _RULES[index]
            for m in pattern.finditer(cased if index in _CASED_RULES else lowered, low, high):
                key = (index, m.start(), m.end())
                if m.end() > m.start() and key not in seen:
                    seen.add(key)
                    candidates.append(_Candidate(m.start(), m.end(), rule, m))
    candidates.sort(key=lambda c: (c.start, c.start - c.end))
    found: list[Timex] = []
    covered_until = 0
    for candidate in candidates:
        if candidate.start < covered_until or _PARAGRAPH.search(candidate.match.group(0)):
            continue  # overlaps a longer expression, or runs across a paragraph break
        normalised = candidate.rule(candidate.match, ctx)
        if normalised is None:
            continue  # a rejected longer match lets a shorter one at the same place through
        kind, value, mod = normalised
        end = candidate.end
        if kind == "DURATION" and candidate.rule in (_rule_ago, _rule_day_relative):
            end = candidate.match.end("unit")  # "three days [later]": the signal stays out
        start, end = _trim(text, _skip_determiner(candidate.match), end)
        found.append(Timex(text[start:end], start, end, kind, value, mod))
        covered_until = candidate.end
        if kind == "DURATION" and value in ("P6M", "P9M"):
            # "in the first nine months ... a year earlier": the comparison is now a year's
            ctx.last_quarter = None
        if _DAY_VALUE.match(value):
            ctx.reference = dt.date.fromisoformat(value[:10])
            ctx.seen_day = True
            ctx.reference_start = start
            closing = _range_end(text, end, ctx.reference) if kind == "DATE" else None
            if closing is not None:  # "from Jan. 10 to 12": the range's last day too
                found.append(closing)
                covered_until = max(covered_until, closing.end)
        if kind == "DATE" and _MONTH_VALUE.match(value):
            ctx.last_period = value  # "in May ... a year earlier": May of the year before
        elif kind == "DATE" and _QUARTER_VALUE.match(value):
            ctx.last_period = None  # a quarter's comparison is the quarter's (last_quarter)
        if kind == "DATE" and _YEAR_MONTH_VALUE.match(value):
            year_month = _YEAR_MONTH_VALUE.match(value)
            assert year_month is not None
            ctx.reference_year = dt.date(int(year_month["y"]), 1, 1)
            if year_month["m"]:
                ctx.reference_month = dt.date(int(year_month["y"]), int(year_month["m"]), 1)
        named_quarter = (
            candidate.rule is _rule_quarter
            and _QUARTER_VALUE.match(value) is not None
            and "year-" not in candidate.match.group(0)
        )
        if named_quarter:
            ctx.named_quarter = value
        if (
            named_quarter
            and _reported_quarter(candidate.match, value, ctx)
            and (ctx.last_quarter is None or value >= ctx.last_quarter)
        ):
            # only a quarter named in the text, not a derived one; a report is about its
            # latest quarter ("After a flat second quarter" in a third-quarter story compares)
            ctx.last_quarter = value
    return tuple(found)


def _range_end(text: str, end: int, first: dt.date) -> Timex | None:
    """The bare day closing a range that starts with the day-precision date ending at
    ``end`` ("from Jan. 10 to 12" -> 12, same month), if the text has one."""
    if not _ENDS_WITH_DAY.search(text, 0, end):
        return None
    found = _RANGE_END.match(text, end)
    if found is None:
        return None
    day = int(found["day"])
    if not first.day < day <= calendar.monthrange(first.year, first.month)[1]:
        return None
    value = first.replace(day=day).isoformat()
    return Timex(found["day"], found.start("day"), found.end("day"), "DATE", value, None)


def _reported_quarter(match: re.Match[str], value: str, ctx: _Context) -> bool:
    """Whether a named quarter can be the one a report is about: one already over, a fiscal
    one, one "ended Sept. 30" or one in a past clause ("reported fourth-quarter earnings");
    "the fourth quarter" ahead is an outlook."""
    if value < f"{ctx.published.year}-Q{_quarter(ctx.published.month)}" or _g(match, "fiscal"):
        return True
    if _ENDED.match(match.string, match.end()):
        return True
    return ctx.tense(match.start("kind")) == "past"


_ENDED = re.compile(r"\s+(?:ended|ending|that\s+ended)\b")
_SHOUTED_LINE = re.compile(r"^[^a-z\n]*[A-Z]{3}[^a-z\n]*$", re.MULTILINE)


def _title_case_shouting(text: str) -> str:
    """The text with all-capital lines (wire headlines, telex copy) title-cased, so that the
    capitalised-name patterns find "MAY 2" in them; other lines and all offsets are kept."""
    if not _SHOUTED_LINE.search(text):
        return text

    def title(line: re.Match[str]) -> str:
        titled = line.group(0).title()
        return titled if len(titled) == len(line.group(0)) else line.group(0)

    return _SHOUTED_LINE.sub(title, text)


_ADJECTIVE_QUARTER = re.compile(r"(?i)(the\s+)[\w\s]*\w-(?:quarter|half)$")


def _skip_determiner(match: re.Match[str]) -> int:
    """ "the two-week talks", "the third-quarter results": TimeML leaves the determiner of an
    adjective outside."""
    if "det" in match.re.groupindex and match["det"] and "-" in match.group(0):
        return match.end("det")
    if "kind" in match.re.groupindex and (adjective := _ADJECTIVE_QUARTER.match(match.group(0))):
        return match.start() + adjective.end(1)
    return match.start()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    while start < end and text[start] in " \t\n":
        start += 1
    return start, end


# ---------------------------------------------------------------- event dates

_PRECISION = (
    (re.compile(r"^(\d{4}-\d{2}-\d{2})"), "day"),
    (re.compile(r"^(\d{4}-W\d{2})"), "week"),
    (re.compile(r"^(\d{4}-\d{2})$"), "month"),
    (re.compile(r"^(\d{4})(?:$|-(?:Q\d|H\d|SP|SU|FA|WI))"), "year"),
)


def date_precision(value: str) -> tuple[str, str] | None:
    """(date, precision) of a TIMEX3 DATE value usable as an event date, else None."""
    for pattern, precision in _PRECISION:
        match = pattern.match(value)
        if match:
            return match.group(1), precision
    return None


def event_date(
    doc: Doc,
    trigger: Token,
    timexes: tuple[Timex, ...],
    published: dt.date,
    status: str,
) -> tuple[str, str, str]:
    """(value, precision, source) of the event whose trigger is ``trigger``.

    Only a timex in the event's own clause dates it: one attached to the trigger or to its
    chain of heads (the chain stops at a relative clause, whose head noun belongs to another
    event), or to a verb conjoined with that chain. A timex inside a relative clause or a
    complement that modifies an argument ("a dialogue that was suspended in 2019"), inside
    another event's clause ("invited X to visit in June") or describing another noun ("the
    2015 accord") is not the event's date. Among the rest: fewest verbs crossed, then
    closest to the trigger on the chain, then in the text. Otherwise the publication date.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    sentence = trigger.sent
    chain: dict[int, int] = {}
    node, depth = trigger, 0
    while True:
        chain[node.i] = depth
        if node.head.i == node.i or depth > 12 or (node.dep_ in _CLAUSE_MODIFIERS and depth > 0):
            break
        if node.dep_ in _CLAUSE_MODIFIERS and node.pos_ in ("VERB", "AUX"):
            break  # "Park, who arrived on Sunday, is ...": the main clause is another event
        node, depth = node.head, depth + 1
    best: tuple[tuple[int, int, int], Timex, str, str] | None = None
    when = _time_antecedent(trigger, chain, timexes)
    when_dated = date_precision(when.value) if when is not None else None
    if when is not None and when_dated is not None:
        # "broke down in December, when Egypt walked out": the clause hangs on the date
        best = ((0, 0, 0), when, *when_dated)
    for timex in timexes if best is None else ():
        if timex.type not in ("DATE", "TIME") or not (
            sentence.start_char <= timex.start < sentence.end_char
        ):
            continue
        dated = date_precision(timex.value)
        if dated is None:
            continue
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None:
            continue
        rank = _governance(span.root, chain, trigger)
        if rank is None and (
            _trailing_past_adjunct(span.root, trigger, dated[0], published)
            or _past_date_in_modifier(span.root, trigger, dated[0], published)
        ):
            rank = (99, 99, abs(span.root.i - trigger.i))  # only when nothing governs
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, timex, *dated)
    if best is None:
        return published.isoformat(), "day", "published"
    _, timex, value, precision = best
    if status == "planned":
        value = _forward(timex, value, precision, published)
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if precision == "day" and span is not None:
        value = _shifted(value, trigger, chain, span.root, published)
    return value, precision, "text"


def _time_antecedent(
    trigger: Token, chain: dict[int, int], timexes: tuple[Timex, ...]
) -> Timex | None:
    """The time expression a relative clause of the trigger's chain modifies ("in December,
    when Egypt walked out"; "the day the talks collapsed")."""
    for i in chain:
        node = trigger.doc[i]
        if node.dep_ != "relcl":
            continue
        head = node.head
        for timex in timexes:
            if timex.type in ("DATE", "TIME") and timex.start <= head.idx < timex.end:
                return timex
    return None


# "a day after", "two days before": the measure between a clause and the act it hangs on
_SHIFT_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}


def _shifted(
    value: str, trigger: Token, chain: dict[int, int], dated: Token, published: dt.date
) -> str:
    """ "struck ... on Monday, a day after a suicide bomber drove into an army post": a clause
    on the trigger's chain, set "N days after" (or before) the act that carries the date,
    happened N days before (or after) that date. The date must belong above that clause."""
    for node in sorted(chain, key=chain.get):
        clause = trigger.doc[node]
        if (
            clause.dep_ not in ("advcl", "pcomp")
            or clause.left_edge.i <= dated.i <= clause.right_edge.i
        ):
            continue
        link = next(
            (c for c in clause.children if c.dep_ == "mark" and c.lower_ in ("after", "before")),
            clause.head
            if clause.dep_ == "pcomp" and clause.head.lower_ in ("after", "before")
            else None,
        )
        if link is None:
            continue  # "..., killing seven soldiers": the same happening as its head
        measure = next(
            (c for c in (*clause.children, *link.children) if c.dep_ == "npadvmod"), None
        )
        if measure is None or measure.lower_ not in _SHIFT_UNITS:
            return value
        words = [t.lower_ for t in measure.children if t.dep_ in ("det", "nummod")]
        amount = 1.0 if words in (["a"], ["an"]) else _number(" ".join(words) or "none")
        if amount is None or amount != int(amount):
            return value
        days = int(amount) * _SHIFT_UNITS[measure.lower_]
        day = dt.date.fromisoformat(value) + dt.timedelta(
            days=-days if link.lower_ == "after" else days
        )
        if day > published and clause.tag_ == "VBD":
            return value  # a past clause never lands after the report: some earlier week
        return day.isoformat()
    return value


# Clauses that modify a noun: their dates describe that noun, not the clause it sits in.
_CLAUSE_MODIFIERS = frozenset({"relcl", "acl"})
# Modifier relations by which a date describes a noun ("the 2015 accord", "2019's talks").
_NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod"})


def _governance(root: Token, chain: dict[int, int], trigger: Token) -> tuple[int, int, int] | None:
    """(verbs crossed, depth on the trigger's head chain, token distance), lower is closer;
    None when the timex belongs to another clause or describes another noun."""
    if root.dep_ in _NOUN_MODIFIER_DEPS and root.head.i not in chain:
        return None
    crossed = 0
    node = root
    for _ in range(16):
        if node.i in chain:
            return crossed, chain[node.i], abs(root.i - trigger.i)
        if node.head.i == node.i:
            break
        child, node = node, node.head
        if nlp.naming_clause(node):
            continue  # "struck what the military called hideouts ... on Monday": the strike's
        if node.pos_ in ("VERB", "AUX") and node.i not in chain:
            # Only a verb conjoined with the event's own chain shares its time
            # ("met Y and on Monday signed"); a relative clause, a complement or an
            # adverbial clause is another happening.
            if not (node.dep_ == "conj" and node.head.i in chain):
                return None
            crossed += 1
        elif node.i not in chain and child.dep_ in _CLAUSE_MODIFIERS:
            return None
    return None


def _trailing_past_adjunct(root: Token, trigger: Token, value: str, published: dt.date) -> bool:
    """ "blocked Kosovo's bid to join the Council of Europe last year": the parser hangs a
    sentence-final date on the infinitive describing the object; a past date there dates
    the past act, which is the only event the sentence reports at that time."""
    infinitive = root.head
    if not (
        trigger.tag_ == "VBD"
        and root.dep_ in ("npadvmod", "pobj", "prep")
        and all(t.is_punct or t.is_space for t in root.doc[root.right_edge.i + 1 : root.sent.end])
        and infinitive.tag_ == "VB"
        and infinitive.dep_ == "acl"
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in infinitive.children)
        and infinitive.head.head.i == trigger.i  # "bid" is the trigger's object
    ):
        return False
    period = period_of(value)
    return period is not None and period[1] < published


def _past_date_in_modifier(root: Token, trigger: Token, value: str, published: dt.date) -> bool:
    """ "fired tear gas to clear a blockade near Parotani on Tuesday", "blocked highways
    linking La Paz with Oruro for a third day on Tuesday": the parser hangs the date on a
    purpose or a participle inside the act's own phrase; a past date there is the act's. Never
    through a complement or a relative clause (another happening), never for a present act."""
    if trigger.tag_ != "VBD" or root.dep_ in _NOUN_MODIFIER_DEPS:
        return False  # "violated the 2015 accord": the date describes the accord
    if not trigger.left_edge.i <= root.i <= trigger.right_edge.i:
        return False
    node, crossed = root, 0
    while node.i != trigger.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.i != trigger.i:
            if node.tag_ not in ("VB", "VBG") or not (
                node.dep_ in ("xcomp", "acl", "advcl") or nlp.described_noun(node) is not None
            ):
                return False
            crossed += 1
    period = period_of(value)
    return crossed > 0 and period is not None and period[1] < published


def _forward(timex: Timex, value: str, precision: str, published: dt.date) -> str:
    """A planned event's weekday or bare month resolved to the past is moved to the future."""
    if precision == "day" and timex.text.split()[-1].lower() in _WEEKDAYS:
        day = dt.date.fromisoformat(value)
        while day < published:
            day += dt.timedelta(days=7)
        return day.isoformat()
    if precision == "month" and timex.text.lower().rstrip(".") in _MONTHS:
        year, month = int(value[:4]), int(value[5:7])
        while (year, month) < (published.year, published.month):
            year += 1
        return f"{year}-{month:02d}"
    return value


# --------------------------------------------------------------------------- periods
# What a TIMEX3 date value spans: the one place other stages (store windows, dedup, trends,
# exports) turn a value into days.

_PERIOD_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?")
_PERIOD_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_PERIOD_MONTH = re.compile(r"(\d{4})-(\d{2})")
_PERIOD_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_PERIOD_HALF = re.compile(r"(\d{4})-H([12])")
_PERIOD_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|AU|WI)")
_PERIOD_YEAR = re.compile(r"(\d{4})")
_PERIOD_DECADE = re.compile(r"(\d{3})X?")
# Meteorological seasons of the northern hemisphere: first month (three months long).
_SEASON_FIRST_MONTH = {"SP": 3, "SU": 6, "FA": 9, "AU": 9, "WI": 12}
Precision = Literal["day", "week", "month", "season", "quarter", "half", "year", "decade"]


@lru_cache(maxsize=65536)
def period_of(value: str | None) -> tuple[dt.date, dt.date, Precision] | None:
    """First day, last day and precision of the period a TIMEX3 date value names, or None.

    ``2023-06-18`` (a time after it too) is that day, ``2023-W24`` Monday to Sunday of the
    ISO week (``2023-W24-WE`` its weekend), ``2022-11`` the month, ``2023-Q2``, ``2023-H1``
    and ``2023-SU`` (northern seasons) their months, ``2023`` the year, ``199X`` the decade.
    ``PAST_REF``, durations and impossible dates give None. Cached: a corpus repeats the
    same few hundred values.
    """
    if not value:
        return None
    value = value.strip()
    try:
        if m := _PERIOD_DAY.fullmatch(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day, "day"
        if m := _PERIOD_WEEK.fullmatch(value):
            year, week = int(m[1]), int(m[2])
            first = 6 if m[3] else 1
            return (
                dt.date.fromisocalendar(year, week, first),
                dt.date.fromisocalendar(year, week, 7),
                "week",
            )
        if m := _PERIOD_MONTH.fullmatch(value):
            return (*_months(int(m[1]), int(m[2]), 1), "month")
        if m := _PERIOD_QUARTER.fullmatch(value):
            return (*_months(int(m[1]), 3 * int(m[2]) - 2, 3), "quarter")
        if m := _PERIOD_HALF.fullmatch(value):
            return (*_months(int(m[1]), 6 * int(m[2]) - 5, 6), "half")
        if m := _PERIOD_SEASON.fullmatch(value):
            return (*_months(int(m[1]), _SEASON_FIRST_MONTH[m[2]], 3), "season")
        if m := _PERIOD_YEAR.fullmatch(value):
            year = int(m[1])
            return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
        if m := _PERIOD_DECADE.fullmatch(value):
            first = int(m[1]) * 10
            return dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade"
    except ValueError:  # 2023-02-30, week 54, year 0 ...
        return None
    return None


def _months(year: int, first_month: int, count: int) -> tuple[dt.date, dt.date]:
    """From the first day of ``first_month`` through the last day of the count-th month."""
    start = dt.date(year, first_month, 1)
    last_year, last_month = divmod(year * 12 + first_month - 1 + count - 1, 12)
    end = dt.date(last_year, last_month + 1, calendar.monthrange(last_year, last_month + 1)[1])
    return start, end


def as_date(value: object) -> dt.date | None:
    """A date from a stored value: a date, a datetime, or text starting YYYY-MM-DD; else None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
