"""The temporal stage: timex recognition, normalisation and event dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from parley import nlp, temporal
from parley.records import Timex

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "examples" / "seed.txt"
MONDAY = dt.date(2023, 6, 19)  # the seed's publication date, a Monday
WEDNESDAY = dt.date(2023, 11, 8)


@pytest.fixture(scope="module")
def model() -> Language:
    return nlp.load()


def _timexes(model: Language, text: str, published: dt.date = MONDAY) -> tuple[Timex, ...]:
    return temporal.find_timexes(model(text), published)


def _value(model: Language, text: str, phrase: str, published: dt.date = MONDAY) -> str:
    """The value of the timex whose text is ``phrase``."""
    found = _timexes(model, text, published)
    for timex in found:
        if timex.text == phrase:
            return timex.value
    raise AssertionError(f"{phrase!r} not found in {[(t.text, t.value) for t in found]}")


# ------------------------------------------------------------------ the seed example


@pytest.fixture(scope="module")
def seed(model: Language) -> tuple[Doc, tuple[Timex, ...]]:
    if not SEED.exists():
        pytest.skip("shared examples not available")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    published = dt.date.fromisoformat(lines[0].split()[1])
    doc = model("\n".join(lines[1:]).strip())
    return doc, temporal.find_timexes(doc, published)


def test_seed_timexes(seed: tuple[Doc, tuple[Timex, ...]]) -> None:
    doc, found = seed
    by_text: dict[str, list[str]] = {}
    for timex in found:
        assert doc.text[timex.start : timex.end] == timex.text
        by_text.setdefault(timex.text, []).append(timex.value)
    assert by_text["Monday"] == ["2023-06-19"]
    assert by_text["seven and a half hours"] == ["PT7H30M"]
    assert by_text["Sunday"] == ["2023-06-18"] * 3  # incl. "Sunday's talks"
    assert by_text["November"] == ["2022-11"]
    assert by_text["August"] == ["2022-08"]
    assert by_text["Last week"] == ["2023-W24"]
    assert by_text["this year"] == ["2023"]
    assert "Daily" not in by_text  # People's Daily is a newspaper


def _trigger(doc: Doc, word: str, occurrence: int = 0) -> int:
    return [t.i for t in doc if t.text == word][occurrence]


@pytest.mark.parametrize(
    ("word", "occurrence", "expected"),
    [
        ("meet", 0, ("2023-06-19", "day", "text")),  # will meet ... on Monday
        ("met", 0, ("2023-06-18", "day", "text")),  # met ... on Sunday
        ("meeting", 1, ("2022-11", "month", "text")),  # whose November meeting
        ("accepted", 0, ("2023-06-18", "day", "text")),  # said on Sunday that Qin had accepted
        ("launched", 0, ("2022-08", "month", "text")),  # since August
        ("met", 1, ("2023-W24", "week", "text")),  # Last week, ... when he met
        ("skyrocketed", 0, ("2023-06-19", "day", "published")),  # no date in the sentence
    ],
)
def test_seed_event_dates(
    seed: tuple[Doc, tuple[Timex, ...]], word: str, occurrence: int, expected: tuple
) -> None:
    doc, found = seed
    trigger = doc[_trigger(doc, word, occurrence)]
    status = "planned" if word == "meet" else "occurred"
    assert temporal.event_date(doc, trigger, found, MONDAY, status) == expected


# ------------------------------------------------------------------ one rule at a time

CASES = [
    # weekdays and tense
    ("The ministers met on Sunday.", "Sunday", "2023-06-18"),
    ("The ministers met on Thursday.", "Thursday", "2023-06-15"),
    ("The ministers will meet on Thursday.", "Thursday", "2023-06-22"),
    ("He plans to travel to Paris on Friday.", "Friday", "2023-06-23"),
    # a plan told in the past perfect looks back: the day has passed
    ("The offer had been due to expire on Friday.", "Friday", "2023-06-16"),
    ("The vote had been scheduled to take place on Friday.", "Friday", "2023-06-16"),
    ("The offer is due to expire on Friday.", "Friday", "2023-06-23"),
    ("The talks ended on Monday.", "Monday", "2023-06-19"),
    ("The talks will end on Monday.", "Monday", "2023-06-19"),
    ("They met last Monday.", "last Monday", "2023-06-12"),
    ("They will meet next Wednesday.", "next Wednesday", "2023-06-21"),
    ("Sunday's talks were frank.", "Sunday", "2023-06-18"),
    # a finite present with a weekday is a timetable; "hurt" may be a past as well
    ("The two leaders meet on Thursday.", "Thursday", "2023-06-22"),
    ("The storm hurt crops on Thursday.", "Thursday", "2023-06-15"),
    # "a summit set for April" is the plan's date, as "is set for" is
    ("The issue will dominate a summit set for Washington in April.", "April", "2024-04"),
    # relative days, weeks, months, years
    ("He arrived yesterday.", "yesterday", "2023-06-18"),
    ("He leaves tomorrow.", "tomorrow", "2023-06-20"),
    ("She spoke today.", "today", "2023-06-19"),
    ("The deal was signed last week.", "last week", "2023-W24"),
    ("Talks resume next week.", "next week", "2023-W26"),
    ("Prices rose this month.", "this month", "2023-06"),
    ("He resigned earlier this month.", "earlier this month", "2023-06"),
    ("Elections are due next month.", "next month", "2023-07"),
    ("Exports fell last year.", "last year", "2022"),
    ("Growth will slow this year.", "this year", "2023"),
    ("The summit was held two days ago.", "two days ago", "2023-06-17"),
    ("The treaty was signed three years ago.", "three years ago", "2020"),
    # bare months, seasons, since
    ("The vote took place in November.", "November", "2022-11"),
    ("The vote will take place in November.", "November", "2023-11"),
    ("Troops have been deployed since August.", "August", "2022-08"),
    ("The summit was held last November.", "last November", "2022-11"),
    ("The offensive began this spring.", "this spring", "2023-SP"),
    # absolute dates in news formats
    ("The attack came on June 18, 2023.", "June 18, 2023", "2023-06-18"),
    ("The attack came on 18 June 2023.", "18 June 2023", "2023-06-18"),
    ("The attack came on 2023-06-18.", "2023-06-18", "2023-06-18"),
    ("The attack came on June 18.", "June 18", "2023-06-18"),
    ("The accord dates from Aug. 7, 1998.", "Aug. 7, 1998", "1998-08-07"),
    ("The war ended in March 2003.", "March 2003", "2003-03"),
    ("Prices peaked in 2008.", "2008", "2008"),
    ("It was built in the 1990s.", "the 1990s", "199"),
    ("Profit rose in the third quarter.", "the third quarter", "2022-Q3"),
    ("Profit rose in the first quarter.", "the first quarter", "2023-Q1"),
    # vague references
    ("Relations are now at a low.", "now", "PRESENT_REF"),
    ("He is currently in Beijing.", "currently", "PRESENT_REF"),
    ("He recently visited Kyiv.", "recently", "PAST_REF"),
    ("He was formerly a diplomat.", "formerly", "PAST_REF"),
    ("Talks may resume in the future.", "the future", "FUTURE_REF"),
    # durations
    ("They talked for seven and a half hours.", "seven and a half hours", "PT7H30M"),
    ("The war lasted three years.", "three years", "P3Y"),
    ("The siege lasted 40 days.", "40 days", "P40D"),
    ("The strike entered its third week after the past two months of talks.",
     "the past two months", "P2M"),
    ("He signed a two-year contract.", "two-year", "P2Y"),
    # sets
    ("The envoys meet every week.", "every week", "P1W"),
    ("The council meets weekly.", "weekly", "P1W"),
    ("The report is published annually.", "annually", "P1Y"),
    ("The ships dock every Sunday.", "every Sunday", "XXXX-WXX-7"),
    # times of day
    ("The blast happened at 10 p.m. Wednesday.", "10 p.m. Wednesday", "2023-06-14T22:00"),
    ("He will speak tonight.", "tonight", "2023-06-19TNI"),
    ("The vote closes at 5 p.m. EST Nov. 9.", "5 p.m. EST Nov. 9", "2023-11-09T17:00"),
    # years in words, as transcripts write them
    ("He was born in nineteen sixty-two.", "nineteen sixty-two", "1962"),
    ("It froze in the winter of nineteen eighty-one.", "the winter of nineteen eighty-one",
     "1981-WI"),
    ("It was signed in March nineteen oh five.", "March nineteen oh five", "1905-03"),
    ("By the year two thousand and ten, it was over.", "the year two thousand and ten", "2010"),
    # holidays: the date in the year the clause's tense points to
    ("The boy was rescued on Thanksgiving Day.", "Thanksgiving Day", "2022-11-24"),
    ("The ceasefire held on Christmas Eve.", "Christmas Eve", "2022-12-24"),
    ("Talks will resume after New Year's Day.", "New Year's Day", "2024-01-01"),
    ("Pilgrims arrived as Easter week began.", "Easter week", "2023-W14"),
    ("He returned home last Easter.", "last Easter", "2023-04-09"),
    # ranges are one vague duration
    ("Talks may take the next 12 to 18 months.", "the next 12 to 18 months", "PXM"),
    ("It lasted two or three weeks.", "two or three weeks", "PXW"),
    # quarters of a named year
    ("Profit fell in last year's quarter.", "last year's quarter", "2022-Q1"),
    ("Profit rose in this year's third quarter.", "this year's third quarter", "2023-Q3"),
    # all-capital lines (wire headlines) are read like any other
    ("TALKS RESUMED ON MAY 3, 2023 IN THE CAPITAL.", "MAY 3, 2023", "2023-05-03"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrase", "value"), CASES)
def test_rules(model: Language, text: str, phrase: str, value: str) -> None:
    assert _value(model, text, phrase) == value


def test_types_and_mods(model: Language) -> None:
    found = {t.text: t for t in _timexes(model, "Since August, fighters have shelled the town "
                                         "for three years and every day at 10 a.m.")}  # fmt: skip
    assert found["August"].mod == "START"
    assert found["three years"].type == "DURATION"
    assert found["every day"].type == "SET"
    assert found["10 a.m."].type == "TIME"


def test_not_timexes(model: Language) -> None:
    text = (
        "Police may march on the square. The 6-year-old boy survived. "
        "He sold 1990 shares to People's Daily. The fall of the wall shocked him."
    )
    assert _timexes(model, text) == ()


def test_spans_exclude_signals(model: Language) -> None:
    doc = model("The envoy met Qin on Sunday and again since August.")
    texts = [t.text for t in temporal.find_timexes(doc, MONDAY)]
    assert texts == ["Sunday", "August"]


def test_following_month_follows_the_last_month(model: Language) -> None:
    text = "In March the talks began. The following month they collapsed."
    assert _value(model, text, "The following month") == "2023-04"
    text = "Elections were held in 2019. The following year a crisis began."
    assert _value(model, text, "The following year") == "2020"


def test_counted_nouns_after_may_are_no_date(model: Language) -> None:
    assert _timexes(model, "Officials said May 2 people were killed.") == ()
    assert _value(model, "The attack on May 2 killed two people.", "May 2") == "2023-05-02"
    assert _timexes(model, "Over two thousand people marched.") == ()


def test_day_before_follows_the_last_date(model: Language) -> None:
    text = "The summit opened on June 10, 2023. The day before, envoys had met."
    assert _value(model, text, "The day before") == "2023-06-09"


def test_financial_year_ago_takes_the_quarter(model: Language) -> None:
    text = "Profit rose in the third quarter. A year earlier, the company lost money."
    published = dt.date(1989, 11, 2)
    assert _value(model, text, "the third quarter", published) == "1989-Q3"
    assert _value(model, text, "A year earlier", published) == "1988-Q3"


def test_a_report_is_about_its_latest_quarter(model: Language) -> None:
    """An earlier quarter named after the reported one is a comparison, not the report's;
    "that quarter" still points back to it."""
    text = (
        "The company posted a 20% gain in third-quarter net income. After a flat second "
        "quarter, it attributed the gain to higher prices. Net rose from a year ago. "
        "Sales in that quarter fell."
    )
    published = dt.date(1989, 11, 1)
    assert _value(model, text, "a year ago", published) == "1988-Q3"
    assert _value(model, text, "that quarter", published) == "1989-Q2"


def test_put_off_until_a_weekday_is_ahead(model: Language) -> None:
    thursday = dt.date(2000, 3, 30)
    text = "Officials postponed until Tuesday morning any action on the case."
    assert _value(model, text, "Tuesday morning", thursday) == "2000-04-04TMO"
    assert _value(model, "The talks lasted until Tuesday.", "Tuesday", thursday) == "2000-03-28"


def test_the_first_to_act_on_a_weekday_takes_the_main_clause_tense(model: Language) -> None:
    saturday = dt.date(1999, 3, 13)
    text = "Among the first three countries to join NATO on Friday were Poland and Hungary."
    assert _value(model, text, "Friday", saturday) == "1999-03-12"
    text = "The next country to join NATO on Friday will be Slovakia."
    assert _value(model, text, "Friday", saturday) == "1999-03-19"


def test_a_year_earlier_after_a_month_is_that_month_a_year_before(model: Language) -> None:
    text = "Exports fell in May. A year earlier, they had risen."
    assert _value(model, text, "A year earlier") == "2022-05"
    assert _value(model, "A year earlier, exports had risen.", "A year earlier") == "2022"


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("The summit will run from Jan. 10 to 12.", "2024-01-10", "2024-01-12"),
        ("Talks were held June 5-7 in Geneva.", "2023-06-05", "2023-06-07"),
        ("The drills ran from June 12 through 15.", "2023-06-12", "2023-06-15"),
    ],
)
def test_a_range_of_days_names_its_last_day(
    model: Language, text: str, first: str, last: str
) -> None:
    assert [t.value for t in _timexes(model, text)] == [first, last]


@pytest.mark.parametrize(
    "text",
    [
        "The meeting on June 5 and 12 people were hurt.",  # a count, not a day
        "Officials met on June 12 until 11 p.m.",  # a clock time
        "On June 3, 10 percent of voters stayed home.",
        "Talks on June 20 to 2 were cancelled.",  # not after the first day
    ],
)
def test_numbers_after_a_date_that_close_no_range(model: Language, text: str) -> None:
    assert not [t for t in _timexes(model, text) if t.text.isdigit()]


def test_midweek_is_the_middle_of_the_week_the_tense_points_to(model: Language) -> None:
    tuesday, thursday = dt.date(2023, 6, 20), dt.date(2023, 6, 22)
    found = _timexes(model, "The drills took place in mid-week.", thursday)
    assert [(t.value, t.mod) for t in found] == [("2023-W25", "MID")]
    assert _value(model, "The drills took place in mid-week.", "mid-week", tuesday) == "2023-W24"
    assert _value(model, "The ministers will meet midweek.", "midweek", tuesday) == "2023-W25"


# ------------------------------------------------------------------ TimeBank conventions

AUTUMN_1989 = dt.date(1989, 10, 26)  # a Thursday, in the fourth quarter

CONVENTION_CASES = [
    # a month just ahead, described by a noun in a past-tense report, is the coming one
    ("The firm notified buyers of a cutback in its oil supply in September.", "September",
     dt.date(2023, 8, 16), "2023-09"),
    ("Regulators gave the bidder until mid-November to reply.", "mid-November",
     dt.date(2023, 10, 30), "2023-11"),
    ("Prices rose in September.", "September", dt.date(2023, 8, 16), "2022-09"),
    # a weekday with a part of day is a TIME; "the previous Friday" follows the last date
    ("The shop was robbed Friday evening.", "Friday evening", MONDAY, "2023-06-16TEV"),
    ("Shares were up at mid-afternoon yesterday.", "mid-afternoon yesterday", MONDAY,
     "2023-06-18TAF"),
    ("Shares closed at $5 on June 16, up from the previous Friday.", "the previous Friday",
     MONDAY, "2023-06-09"),
    ("Shares fell Friday. Dealers sold heavily in the morning.", "the morning", MONDAY,
     "2023-06-16TMO"),
    # "the past year" names the year gone (a DATE); counted or other units are lengths
    ("Hate groups grew in the past year.", "the past year", MONDAY, "2022"),
    ("Prices rose 4% this past year.", "this past year", MONDAY, "2022"),
    ("Hate groups grew in the past three years.", "the past three years", MONDAY, "P3Y"),
    ("Three people died in the past week.", "the past week", MONDAY, "P1W"),
    ("Hate groups grew last year.", "last year", MONDAY, "2022"),
    ("Workers lost earning power in the last decade.", "the last decade", MONDAY, "P10Y"),
    ("The plant will close over the next year or so.", "the next year or so", MONDAY, "P1Y"),
    # financial periods
    ("In the year-ago third quarter, the bank earned $2 million.",
     "the year-ago third quarter", AUTUMN_1989, "1988-Q3"),
    ("Earnings will be lower for the last half of 1989.", "the last half of 1989",
     AUTUMN_1989, "1989-H2"),
    ("Losses may last through the first two quarters of 1990.",
     "the first two quarters of 1990", AUTUMN_1989, "1990-H1"),
    ("It earned $5 million in the fiscal first quarter. Sales in the quarter rose 5%.",
     "the quarter", AUTUMN_1989, "1989-Q1"),
    ("Profit rose in the third quarter. It expects a loss in the fourth quarter. Sales in "
     "the quarter rose.", "the quarter", AUTUMN_1989, "1989-Q3"),
    ("Profit rose in the third quarter. In the nine months, net rose to $5 million from $4 "
     "million a year earlier.", "a year earlier", AUTUMN_1989, "1988"),
    ("Profit rose in the third quarter. Sales in the latest period rose.", "the latest period",
     AUTUMN_1989, "1989-Q3"),
    ("Profit rose in the third quarter, while in the 1988 period it fell.", "the 1988 period",
     AUTUMN_1989, "1988-Q3"),
    ("Sales for the full year rose.", "the full year", AUTUMN_1989, "1989"),
    ("Sales in the current fiscal year will rise.", "the current fiscal year", AUTUMN_1989,
     "1989"),
    ("Revenue in the year ended March 31 fell.", "the year", AUTUMN_1989, "P1Y"),
    ("It expects sales to exceed fiscal 1989 sales.", "fiscal 1989", AUTUMN_1989, "1989"),
    ("Imports reached $5 million in 1988, a small share of the total that year.",
     "that year", AUTUMN_1989, "1988"),
    # "year end" is "the end of the year": the year with mod END (see test_year_end_mod)
    ("The index is up 5% since year-end.", "year-end", AUTUMN_1989, "1988"),
    ("The deal should close by year end.", "year end", AUTUMN_1989, "1989"),
    # "for the year" in a report names the period; a year "ended" a date is a length
    ("Sales for the year rose 5%.", "the year", AUTUMN_1989, "1989"),
    ("The stock hit a high for the year in June.", "the year", AUTUMN_1989, "1989"),
    ("Output fell 2% in the week ended Friday.", "the week", AUTUMN_1989, "P1W"),
    ("Profit should grow throughout the fiscal year.", "the fiscal year", AUTUMN_1989, "P1Y"),
    # a length anchored on another event ("three days later") is a DURATION
    ("The rebels attacked the town. Three days later they withdrew.", "Three days", MONDAY,
     "P3D"),
    ("A day earlier, scores of trucks had crossed the border.", "A day", MONDAY, "P1D"),
    ("The ban comes barely a month after the airline cut flights.", "a month", MONDAY, "P1M"),
    ("The board met in May. A few days later, the chairman resigned.", "A few days", MONDAY,
     "PXD"),
    ("The minister resigned a week or so ago.", "a week or so ago", MONDAY, "2023-W24"),
    ("The women's march is this coming Sunday.", "this coming Sunday", dt.date(2023, 6, 21),
     "2023-06-25"),
    ("Women's Day is this coming Sunday, March eighth.", "this coming Sunday, March eighth",
     dt.date(1998, 3, 5), "1998-03-08"),
    ("The rally is on May twenty-first.", "May twenty-first", dt.date(1998, 3, 5),
     "1998-05-21"),
    ("The storm hit the coast. Hours later, the power failed.", "Hours", MONDAY, "PTXH"),
    ("The blast came minutes before a second attack.", "minutes", MONDAY, "PTXM"),
    ("Prisoners were taken in the first hours of the war.", "the first hours", MONDAY, "PTXH"),
    ("Fewer lives are saved in the early years.", "the early years", MONDAY, "PXY"),
    ("Leaders hope for peace in the next century.", "the next century", dt.date(1998, 8, 10),
     "20"),
    # a clock time takes the day named with it, past a parenthesis, or earlier in its sentence
    ("The bomb went off at 10:40 a.m. (0740 GMT) Friday.", "10:40 a.m.", dt.date(1998, 8, 8),
     "1998-08-07T10:40"),
    ("The bomb went off at 10:40 a.m. (0740 GMT) Friday.", "0740 GMT", dt.date(1998, 8, 8),
     "1998-08-07T07:40"),
    ("On Tuesday, at 3 p.m., the talks began.", "3 p.m.", dt.date(1998, 8, 8),
     "1998-08-04T15:00"),
    ("The embassy was bombed on Aug. 7 last year.", "Aug. 7 last year", dt.date(1998, 9, 10),
     "1997-08-07"),
    ("The blast came on Aug. 7. That night, rescuers dug.", "That night", dt.date(1998, 9, 10),
     "1998-08-07TNI"),
    # "the eighth day" of something: today in a present clause, the day named in a past one
    ("Today is the eighth day of the blockade.", "the eighth day", dt.date(1998, 8, 8),
     "1998-08-08"),
    ("Stocks fell on Tuesday for a second straight day.", "a second straight day",
     dt.date(1998, 8, 8), "1998-08-04"),
    # tense: "set" without an auxiliary is a past event; an adjective keeps a past clause
    ("The index is near its record high set on Aug. 6.", "Aug. 6", dt.date(1998, 2, 6),
     "1997-08-06"),
    ("Problems made it difficult for the firm to meet demand well into the summer.",
     "the summer", AUTUMN_1989, "1989-SU"),
    # vague and future references
    ("The company will soon announce a deal.", "soon", MONDAY, "FUTURE_REF"),
    ("They will liquidate it as soon as possible.", "as soon as possible", MONDAY,
     "FUTURE_REF"),
    ("Experts say the city will one day be the largest.", "one day", MONDAY, "FUTURE_REF"),
    ("The strike lasted one day.", "one day", MONDAY, "P1D"),
    ("The trip will take one day.", "one day", MONDAY, "P1D"),
    ("It bodes ill for coming quarters.", "coming quarters", MONDAY, "FUTURE_REF"),
    ("Sales will rise in the coming months.", "the coming months", MONDAY, "FUTURE_REF"),
    # a weekday with a part of day takes the tense of the clause it dates
    ("Rebels attacked the town late Friday night, police said.", "late Friday night",
     dt.date(2023, 6, 22), "2023-06-16TNI"),
    ("He left on Friday night and will return Monday morning.", "Monday morning",
     dt.date(2023, 6, 22), "2023-06-26TMO"),
    ("He left on Friday night and will return Monday morning.", "Friday night",
     dt.date(2023, 6, 22), "2023-06-16TNI"),
    # wire copy: "Jan 5" without the period; "this past spring"
    ("The vote was held Jan 5.", "Jan 5", dt.date(1998, 1, 8), "1998-01-05"),
    ("The unit was scrapped this past spring.", "this past spring", AUTUMN_1989, "1989-SP"),
    # parts of day relative to the last day named, or to the publication day
    ("Officials met on Sunday and again that afternoon.", "that afternoon", MONDAY,
     "2023-06-18TAF"),
    ("That night rescuers dug through the rubble.", "That night", MONDAY, "2023-06-19TNI"),
    ("Troops withdrew on Sunday and returned the next morning.", "the next morning", MONDAY,
     "2023-06-19TMO"),
    ("The talks ended on Sunday. The night before, rebels shelled the city.",
     "The night before", MONDAY, "2023-06-17TNI"),
    # a determiner stays outside an adjective quarter, inside "the year-ago period"
    ("The third-quarter results were weak.", "third-quarter", AUTUMN_1989, "1989-Q3"),
    ("Profit in the third quarter rose from $3 million in the year-ago period.",
     "the year-ago period", AUTUMN_1989, "1988-Q3"),
    # a clock time takes the day named after it ("local time", a parenthesis between)
    ("The attack happened at about 9 p.m. local time Wednesday.", "about 9 p.m.",
     dt.date(2023, 6, 22), "2023-06-21T21:00"),
    ("The vote is due around June 30.", "around June 30", MONDAY, "2023-06-30"),
    ("Banks fear the computer problem of the year 2000.", "the year 2000", MONDAY, "2000"),
    # "the previous quarter" is the one before the quarter under report
    ("Profit rose in the third quarter. Sales in the previous quarter fell.",
     "the previous quarter", AUTUMN_1989, "1989-Q2"),
    # centuries and decades in words
    ("It was an invention of the 20th century.", "the 20th century", MONDAY, "19"),
    ("Crime fell through the nineties.", "the nineties", MONDAY, "199"),
    # durations without a number, or with "more", "trading"
    ("Troops will arrive within weeks.", "weeks", MONDAY, "PXW"),
    ("Over the years prices rose.", "the years", MONDAY, "PXY"),
    ("Funds face pressure in the weeks ahead.", "the weeks ahead", MONDAY, "PXW"),
    ("The deal follows months of talks.", "months", MONDAY, "PXM"),
    ("It was profitable after several quarters of losses.", "several quarters", MONDAY, "PXQ"),
    ("The loan may be extended for an additional year.", "an additional year", MONDAY, "P1Y"),
    ("The base may be used for at least 20 more years.", "at least 20 more years", MONDAY,
     "P20Y"),
    ("Eight trading days later it recovered.", "Eight trading days", MONDAY, "P8D"),
    ("It has ruled for almost a hundred years.", "almost a hundred years", MONDAY, "P100Y"),
    # sets
    ("The company will save about $33 million a year.", "a year", MONDAY, "P1Y"),
    ("Orangemen march each July through the town.", "each July", MONDAY, "XXXX-07"),
    ("It pays interest every quarter.", "every quarter", MONDAY, "P1Q"),
    ("The market is closed on Mondays.", "Mondays", MONDAY, "XXXX-WXX-1"),
    ("Flights leave on Tuesday nights.", "Tuesday nights", MONDAY, "XXXX-WXX-2TNI"),
    ("Shares fell on June 16 and rallied later in the day.", "the day", MONDAY, "2023-06-16"),
    ('"Today is a good day," he said.', "Today", MONDAY, "2023-06-19"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrase", "published", "value"), CONVENTION_CASES)
def test_timebank_conventions(
    model: Language, text: str, phrase: str, published: dt.date, value: str
) -> None:
    assert _value(model, text, phrase, published) == value


def test_convention_types(model: Language) -> None:
    text = "The shop was robbed Friday evening. It saves $2 million a year, as in the past year."
    found = {t.text: t for t in _timexes(model, text)}
    assert found["Friday evening"].type == "TIME"
    assert found["a year"].type == "SET"
    assert found["the past year"].type == "DATE"


def test_anchored_durations_leave_the_signal_out(model: Language) -> None:
    text = "Troops entered the city. Two weeks later they left, and a year earlier it was calm."
    found = {t.text: t for t in _timexes(model, text)}
    assert found["Two weeks"].type == "DURATION"
    assert "Two weeks later" not in found
    assert found["a year earlier"].type == "DATE"  # a comparison period, as before


def test_the_days_before_an_event_is_no_duration(model: Language) -> None:
    # like "the days of", a definite "the days before the vote" describes that period
    assert _timexes(model, "Tension rose in the days before the vote.") == ()


def test_modal_may_before_an_ordinal_is_no_date(model: Language) -> None:
    assert _timexes(model, "May first consider the risks.") == ()


def test_zoned_clock_is_no_year(model: Language) -> None:
    found = _timexes(model, "Rescuers worked until 1930 GMT.", dt.date(1998, 8, 8))
    assert [(t.text, t.type, t.value) for t in found] == [("1930 GMT", "TIME", "1998-08-08T19:30")]


def test_year_end_mod(model: Language) -> None:
    found = _timexes(model, "The deal should close by year end.", AUTUMN_1989)
    assert [(t.text, t.type, t.value, t.mod) for t in found] == [
        ("year end", "DATE", "1989", "END")
    ]


def test_the_future_as_prospects_is_no_timex(model: Language) -> None:
    text = "The talks matter for the future of both peoples. The future looks bleak."
    assert _timexes(model, text) == ()
    assert _value(model, "Farmers are worried about the future.", "the future") == "FUTURE_REF"


def test_ages_and_bare_soon_are_no_timexes(model: Language) -> None:
    text = (
        "Mr. Smith, 52 years old, will succeed him. The company soon became profitable. "
        "He resigned soon after the vote. Each may apply."
    )
    assert _timexes(model, text) == ()


def test_programme_titles_are_no_timexes(model: Language) -> None:
    text = 'He said on ABC\'s "This Week" that talks failed. He told USA Today he would run.'
    assert _timexes(model, text) == ()
    assert _value(model, "TALKS RESUME TODAY IN THE CAPITAL.", "TODAY") == "2023-06-19"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-06-18", ("2023-06-18", "day")),
        ("2023-06-18TNI", ("2023-06-18", "day")),
        ("2023-W24", ("2023-W24", "week")),
        ("2023-W24-WE", ("2023-W24", "week")),
        ("2022-11", ("2022-11", "month")),
        ("2023", ("2023", "year")),
        ("2023-Q2", ("2023", "year")),
        ("PAST_REF", None),
        ("P3Y", None),
        ("199", None),
    ],
)
def test_date_precision(value: str, expected: tuple[str, str] | None) -> None:
    assert temporal.date_precision(value) == expected


def test_event_date_never_uses_durations(model: Language) -> None:
    doc = model("The ministers talked for three hours.")
    found = temporal.find_timexes(doc, MONDAY)
    assert [t.type for t in found] == ["DURATION"]
    trigger = doc[2]
    assert temporal.event_date(doc, trigger, found, MONDAY, "occurred") == (
        "2023-06-19",
        "day",
        "published",
    )


def test_event_date_prefers_the_governing_timex(model: Language) -> None:
    doc = model("On Sunday the minister said the troops had arrived last week.")
    found = temporal.find_timexes(doc, MONDAY)
    said = next(t for t in doc if t.text == "said")
    arrived = next(t for t in doc if t.text == "arrived")
    assert temporal.event_date(doc, said, found, MONDAY, "occurred")[0] == "2023-06-18"
    assert temporal.event_date(doc, arrived, found, MONDAY, "occurred")[0] == "2023-W24"


def test_planned_events_get_future_dates(model: Language) -> None:
    doc = model("The two sides agreed that talks would resume Thursday.")
    found = temporal.find_timexes(doc, MONDAY)
    resume = next(t for t in doc if t.text == "resume")
    assert temporal.event_date(doc, resume, found, MONDAY, "planned")[0] == "2023-06-22"


def test_offsets_match_text(model: Language) -> None:
    text = "On\u00a0Monday,  the   final day, İstanbul hosted talks for two weeks in May 2022."
    doc = model(text)
    for timex in temporal.find_timexes(doc, MONDAY):
        assert text[timex.start : timex.end] == timex.text


def test_datetime_publication_is_a_date(model: Language) -> None:
    found = _timexes(model, "He arrived yesterday.", dt.datetime(2023, 6, 19, 15, 30))
    assert [t.value for t in found] == ["2023-06-18"]


def test_event_date_ignores_dates_of_other_clauses(model: Language) -> None:
    doc = model(
        "The two sides agreed to resume a dialogue that was suspended in 2019 "
        "and invited Chile to visit in August."
    )
    found = temporal.find_timexes(doc, MONDAY)
    agreed, suspended, invited, visit = (
        next(t for t in doc if t.text == word)
        for word in ("agreed", "suspended", "invited", "visit")
    )
    published = ("2023-06-19", "day", "published")
    assert temporal.event_date(doc, agreed, found, MONDAY, "occurred") == published
    assert temporal.event_date(doc, invited, found, MONDAY, "occurred") == published
    assert temporal.event_date(doc, suspended, found, MONDAY, "occurred")[0] == "2019"
    assert temporal.event_date(doc, visit, found, MONDAY, "planned")[0] == "2023-08"


def test_event_date_ignores_a_date_describing_an_argument(model: Language) -> None:
    doc = model("Iran violated the 2015 accord.")
    found = temporal.find_timexes(doc, MONDAY)
    violated = next(t for t in doc if t.text == "violated")
    assert temporal.event_date(doc, violated, found, MONDAY, "occurred")[2] == "published"


def test_a_past_date_on_a_purpose_or_participle_dates_the_act(model: Language) -> None:
    # the parser hangs "on Tuesday" on the purpose clause, or on a participle in the object
    for text, word in (
        ("Police fired tear gas to clear a blockade on Tuesday afternoon.", "fired"),
        ("Farmers blocked highways linking the two cities for a third day on Tuesday.", "blocked"),
    ):
        doc = model(text)
        found = temporal.find_timexes(doc, WEDNESDAY)
        trigger = next(t for t in doc if t.text == word)
        assert temporal.event_date(doc, trigger, found, WEDNESDAY, "occurred")[:1] == (
            (WEDNESDAY - dt.timedelta(days=1)).isoformat(),
        ), text
    # never through a complement: "agreed to meet on Tuesday" is not dated by the meeting
    doc = model("Chile agreed to hold talks on Tuesday.")
    found = temporal.find_timexes(doc, WEDNESDAY)
    agreed = next(t for t in doc if t.text == "agreed")
    assert temporal.event_date(doc, agreed, found, WEDNESDAY, "occurred")[2] == "published"


def test_a_day_before_a_reported_clause_is_the_sayings(model: Language) -> None:
    # the parse hangs "on Thursday" on "deliver"; standing before the clause's subject it
    # dates the saying: the Thursday before a Friday story, not the one after
    doc = model("Germany said on Thursday it would deliver two more systems to Ukraine.")
    assert doc[3].head.head.i == doc[1].i
    (timex,) = temporal.find_timexes(doc, dt.date(2024, 10, 4))
    assert timex.value == "2024-10-03"
    # a phrase after the clause's subject is the clause's own
    doc = model("Iran said the inspectors would leave on Friday.")
    assert doc[6].head.lower_ == "leave"
