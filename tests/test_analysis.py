"""Deduplication, trends, alerts and timelines: pure logic, synthetic data, no model."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from typing import Any

import numpy as np
import pyarrow as pa
import pytest

from parley import analysis
from parley.analysis import (
    Deduplicator,
    Happening,
    assign_happenings,
    date_bounds,
    detect_alerts,
    happening_id,
    timeline,
    trend,
    trend_alerts,
)

D = dt.date


def event(article: str, index: int = 0, **fields: Any) -> dict[str, Any]:
    """A stored event row; defaults describe a Russian strike on Ukraine in Kyiv."""
    row: dict[str, Any] = {
        "article_id": article,
        "event_index": index,
        "type": "ASSAULT",
        "status": "occurred",
        "actor_names": [],
        "actor_countries": ["RUS"],
        "recipient_names": [],
        "recipient_countries": ["UKR"],
        "date": "2023-06-18",
        "location_name": "Kyiv",
        "location_country": "UKR",
        "source": f"outlet-{article}",
        "published": D(2023, 6, 19),
        "quad_class": 4,
        "goldstein": -10.0,
    }
    row.update(fields)
    start, end, precision = date_bounds(row["date"]) or (None, None, None)
    row.setdefault("date_start", start)
    row.setdefault("date_end", end)
    row.setdefault("date_precision", precision)
    return row


def cluster(*rows: dict[str, Any]) -> list[str]:
    dedup = Deduplicator()
    return [dedup.add(row) for row in rows]


# ------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-06-18", (D(2023, 6, 18), D(2023, 6, 18), "day")),
        ("2023-06-18T10:30", (D(2023, 6, 18), D(2023, 6, 18), "day")),
        ("2023-W24", (D(2023, 6, 12), D(2023, 6, 18), "week")),
        ("2024-02", (D(2024, 2, 1), D(2024, 2, 29), "month")),
        ("2022-12", (D(2022, 12, 1), D(2022, 12, 31), "month")),
        ("2023-Q4", (D(2023, 10, 1), D(2023, 12, 31), "quarter")),
        ("2023", (D(2023, 1, 1), D(2023, 12, 31), "year")),
        ("PAST_REF", None),
        ("2023-02-30", None),
        (None, None),
    ],
)
def test_date_bounds(value: str | None, expected: Any) -> None:
    assert date_bounds(value) == expected


# ------------------------------------------------------------------------- dedup


def test_reports_of_one_strike_in_two_articles_are_one_happening() -> None:
    dedup = Deduplicator()
    first = dedup.add(event("a1", date="2023-W24", location_name=None, location_country=None))
    second = dedup.add(event("a2", actor_names=["Russia", "Vladimir Putin"]))
    assert first == second == happening_id(("a1", 0))
    happening = dedup.happenings[first]
    assert (happening.date, happening.date_precision) == ("2023-06-18", "day")
    assert (happening.mention_count, happening.article_count, happening.source_count) == (2, 2, 2)
    assert happening.location_name == "Kyiv"
    why = dedup.explain(first)
    assert len(why) == 2 and "founded" in why[0]
    assert "country RUS" in why[1] and "2023-06-18 overlaps 2023-W24" in why[1]


def test_different_days_stay_apart_but_a_month_joins_the_day() -> None:
    ids = cluster(event("a1"), event("a2", date="2023-06-19"), event("a3", date="2023-06"))
    assert ids[0] != ids[1]
    assert ids[2] == ids[0]  # equally fitting: the older happening wins


def test_a_happening_narrows_in_time_so_it_cannot_drift() -> None:
    # month first, then a day: the happening is now that day, and another day is apart
    ids = cluster(
        event("a1", date="2023-06"),
        event("a2"),
        event("a3", date="2023-06-20"),
        event("a4", date="2023-06-10"),
    )
    assert ids[0] == ids[1]
    assert ids[1] not in (ids[2], ids[3])


@pytest.mark.parametrize(
    ("status_a", "status_b", "same"),
    [
        ("occurred", "occurred", True),
        ("occurred", "planned", False),
        ("occurred", "negated", False),
        ("occurred", "hypothetical", False),
        ("negated", "negated", True),
    ],
)
def test_status_classes(status_a: str, status_b: str, same: bool) -> None:
    ids = cluster(event("a1", status=status_a), event("a2", status=status_b))
    assert (ids[0] == ids[1]) is same


def test_different_types_stay_apart() -> None:
    ids = cluster(event("a1"), event("a2", type="COERCE"))
    assert ids[0] != ids[1]


def test_symmetric_types_are_undirected_directed_ones_are_not() -> None:
    common = {"type": "CONSULT", "location_name": None, "location_country": None}
    consult = cluster(
        event("a1", actor_countries=["USA"], recipient_countries=["CHN"], **common),
        event("a2", actor_countries=["CHN"], recipient_countries=["USA"], **common),
        event("a3", actor_countries=["USA", "CHN"], recipient_countries=[], **common),
    )
    assert len(set(consult)) == 1
    accuse = cluster(
        event("b1", type="ACCUSE", actor_countries=["USA"], recipient_countries=["CHN"]),
        event("b2", type="ACCUSE", actor_countries=["CHN"], recipient_countries=["USA"]),
    )
    assert accuse[0] != accuse[1]


def test_a_meeting_with_another_party_is_another_happening() -> None:
    common = {"type": "CONSULT", "location_name": None, "location_country": None}
    ids = cluster(
        event("a1", actor_countries=["USA"], recipient_countries=["CHN"], **common),
        event("a2", actor_countries=["USA"], recipient_countries=["JPN"], **common),
    )
    assert ids[0] != ids[1]


def test_names_must_overlap_where_both_sides_name_people() -> None:
    usa_chn = {
        "type": "CONSULT",
        "actor_countries": ["USA"],
        "recipient_countries": ["CHN"],
        "location_name": "Beijing",
        "location_country": "CHN",
    }
    ids = cluster(
        event("a1", actor_names=["Antony Blinken"], recipient_names=["Xi Jinping"], **usa_chn),
        event("a2", actor_names=["Blinken"], **usa_chn),
        event("a3", actor_names=["Blinken"], recipient_names=["Wang Yi"], **usa_chn),
        # a country actor's name is left to the country check
        event(
            "a4",
            actor_names=["United States"],
            actor_kinds=["country"],
            recipient_names=["Xi"],
            **usa_chn,
        ),
    )
    assert ids[0] == ids[1] == ids[3] != ids[2]


@pytest.mark.parametrize(
    ("place", "country", "same"),
    [
        ("Kyiv", "UKR", True),
        (None, None, True),  # one unknown
        ("Lviv", "UKR", True),  # same country
        ("Belgorod", "RUS", False),
        (None, "RUS", False),
    ],
)
def test_places(place: str | None, country: str | None, same: bool) -> None:
    ids = cluster(event("a1"), event("a2", location_name=place, location_country=country))
    assert (ids[0] == ids[1]) is same


def test_nesting_country_sets_merge_crossing_ones_do_not() -> None:
    ids = cluster(
        event("a1", actor_countries=["USA", "GBR"]),
        event("a2", actor_countries=["USA"]),
        event("a3", actor_countries=["FRA"]),
    )
    assert ids[0] == ids[1] != ids[2]


def test_agreeing_only_on_ignorance_is_no_evidence() -> None:
    blank = {
        "actor_countries": [],
        "recipient_countries": [],
        "location_name": None,
        "location_country": None,
    }
    ids = cluster(event("a1", **blank), event("a2", **blank))
    assert ids[0] != ids[1]


def test_the_better_fitting_happening_wins() -> None:
    dedup = Deduplicator()
    monday = dedup.add(event("a1", date="2023-06-12"))
    sunday = dedup.add(event("a2", location_name="Odesa"))
    assert monday != sunday
    # the week fits both days; the same named place makes Sunday's strike the better fit
    assert dedup.add(event("a3", date="2023-W24", location_name="Odesa")) == sunday
    assert dedup.add(event("a4", date="2023-W24", location_name=None)) == monday  # tie: older


def test_a_row_seen_twice_is_assigned_once() -> None:
    dedup = Deduplicator()
    first = dedup.add(event("a1"))
    assert dedup.add(event("a1")) == first
    assert dedup.happenings[first].mentions == [("a1", 0)]


def test_incremental_assignment_resumes_from_stored_happenings() -> None:
    happenings, assigned = assign_happenings([], [event("a1"), event("a1", 1, type="PROTEST")])
    assert [hid for _, hid in assigned] == [happening_id(("a1", 0)), happening_id(("a1", 1))]
    stored = [Happening.from_dict(h.to_dict()) for h in happenings]  # as the store keeps them
    grown, more = assign_happenings(stored, [event("a2", date="2023-W24"), event("a3", 0)])
    assert more == [(("a2", 0), assigned[0][1]), (("a3", 0), assigned[0][1])]
    strike = next(h for h in grown if h.id == assigned[0][1])
    assert strike.mention_count == 3 and strike.article_count == 3
    assert len(grown) == 2


class BruteForce(Deduplicator):
    """Looks at every happening: the index must never miss what this finds."""

    def _candidates(self, mention: Any) -> Iterator[Happening]:
        if mention.start is None:
            return
        yield from list(self.happenings.values())


def random_rows(seed: int, count: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    countries = ["USA", "CHN", "RUS", "UKR", None]
    names = ["Antony Blinken", "Blinken", "Wang Yi", "Sergei Lavrov", "Lavrov", None]
    dates = ["2023-06-18", "2023-06-19", "2023-W24", "2023-W25", "2023-06", "2023-07", "2023"]
    places = [("Kyiv", "UKR"), ("Lviv", "UKR"), ("Moscow", "RUS"), (None, None), (None, "CHN")]
    rows = []
    for n in range(count):
        actor, recipient = rng.choice(countries), rng.choice(countries)
        actor_name, place = rng.choice(names), rng.choice(places)
        rows.append(
            event(
                f"art{n // 3}",
                n % 3,
                type=rng.choice(["CONSULT", "ACCUSE", "ASSAULT"]),
                status=rng.choice(["occurred", "occurred", "planned"]),
                actor_countries=[actor] if actor else [],
                recipient_countries=[recipient] if recipient else [],
                actor_names=[actor_name] if actor_name else [],
                date=rng.choice(dates),
                location_name=place[0],
                location_country=place[1],
            )
        )
    return rows


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_index_finds_what_a_full_scan_finds_and_loses_no_mention(seed: int) -> None:
    rows = random_rows(seed, 400)
    fast, slow = Deduplicator(), BruteForce()
    fast_ids = fast.add_all(rows)
    assert fast_ids == slow.add_all(rows)
    keys = [analysis.row_key(row) for row in rows]
    mentioned = [key for h in fast.happenings.values() for key in h.mentions]
    assert sorted(mentioned) == sorted(keys)  # every row in exactly one happening
    assert 1 < len(fast.happenings) < len(rows)  # the data has both merges and splits


def country_set_rows(seed: int, count: int) -> list[dict[str, Any]]:
    """Rows whose sides name several countries, one or none: nested, crossing and
    unknown sets are what the index's side keys must never miss."""
    rng = random.Random(seed)
    sets = [[], ["USA"], ["GBR"], ["USA", "GBR"], ["GBR", "USA", "FRA"], ["RUS"], ["RUS", "BLR"]]
    rows = random_rows(seed, count)
    for n, row in enumerate(rows):
        row["actor_countries"] = rng.choice(sets)
        row["recipient_countries"] = rng.choice(sets[:3] + sets[5:])
        row["published"] = D(2023, 6, 1) + dt.timedelta(days=n // 40)
    return rows


@pytest.mark.parametrize("seed", [4, 5])
def test_side_keys_find_nested_and_unknown_country_sets(seed: int) -> None:
    rows = country_set_rows(seed, 400)
    fast, slow = Deduplicator(), BruteForce()
    assert fast.add_all(rows) == slow.add_all(rows)
    sizes = [h.mention_count for h in fast.happenings.values()]
    assert max(sizes) > 2 and len(sizes) > 20
    # a set and its subset did merge somewhere (the index reached across nested sets)
    assert any(
        len({tuple(sorted(r["actor_countries"])) for r in rows if row_key_in(r, h)}) > 1
        for h in fast.happenings.values()
    )


def row_key_in(row: dict[str, Any], happening: Happening) -> bool:
    return analysis.row_key(row) in set(happening.mentions)


def test_store_batches_give_what_one_pass_gives(tmp_path: Any) -> None:
    """Batch by batch the store loads candidates with a join in DuckDB: the assignment
    must equal one deduplicator fed every row in (published, article, index) order."""
    from parley.store import SCHEMAS, Store

    rows = country_set_rows(6, 360)
    store = Store(tmp_path / "store")
    for part in range(3):  # whole articles per batch, in published order
        batch = [r for r in rows if int(r["article_id"][3:]) // 40 == part]
        articles = [
            {"id": r["article_id"], "published": r["published"], "text": ""}
            for r in batch
            if r["event_index"] == 0
        ]
        store.ingest_tables(
            {
                "articles": pa.Table.from_pylist(articles, schema=SCHEMAS["articles"]),
                "events": pa.Table.from_pylist(batch, schema=SCHEMAS["events"]),
            }
        )
    stored = {
        (r["article_id"], r["event_index"]): r["happening_id"]
        for r in store.sql("SELECT article_id, event_index, happening_id FROM events").to_pylist()
    }
    ordered = sorted(rows, key=lambda r: (r["published"], r["article_id"], r["event_index"]))
    one_pass = dict(Deduplicator().add_all(ordered))
    assert stored == one_pass
    assert len(set(one_pass.values())) < len(rows)  # merges across batches happened


# ------------------------------------------------------------------------- trends


def trend_rows() -> list[dict[str, Any]]:
    return [
        event("a1", quad_class=4, goldstein=-10.0, happening_id="h1"),  # Sun, W24
        event("a2", quad_class=4, goldstein=-9.5, happening_id="h1", date="2023-06-12"),
        event("a3", quad_class=1, goldstein=3.0, happening_id="h2", date="2023-06-13"),
        event("a4", quad_class=3, goldstein=None, happening_id="h3", date="2023-06-28"),  # W26
        event(
            "a5",
            actor_countries=["UKR"],
            recipient_countries=["RUS"],
            quad_class=2,
            goldstein=6.0,
            happening_id="h4",
            date="2023-06-27",
        ),
        event("a6", date="2023-06", happening_id="h5"),  # a month: in no single week
        event("a7", date="2023-W24", happening_id="h1"),  # a week: in W24
    ]


def test_weekly_trend_counts_quads_goldstein_and_happenings() -> None:
    weeks = trend(trend_rows(), by="week")
    assert [w["period"] for w in weeks] == ["2023-W24", "2023-W25", "2023-W26"]
    w24, w25, w26 = weeks
    assert (w24["events"], w24["quad1"], w24["quad4"], w24["happenings"]) == (4, 1, 3, 2)
    assert w24["goldstein_sum"] == pytest.approx(-26.5)
    assert w24["goldstein_mean"] == pytest.approx(-26.5 / 4)
    assert w24["conflict"] == 3 and w24["conflict_share"] == pytest.approx(0.75)
    assert w25["events"] == 0 and w25["goldstein_mean"] is None  # filled gap
    assert (w26["events"], w26["quad2"], w26["quad3"], w26["goldstein_sum"]) == (2, 1, 1, 6.0)
    assert w24["start"] == D(2023, 6, 12)


def test_daily_and_monthly_labels_and_no_fill() -> None:
    days = trend(trend_rows(), by="day", fill=False)
    labels = ["2023-06-12", "2023-06-13", "2023-06-18", "2023-06-27", "2023-06-28"]
    assert [d["period"] for d in days] == labels
    months = trend(trend_rows(), by="month")
    assert [(m["period"], m["events"]) for m in months] == [("2023-06", 7)]


def test_iso_weeks_across_a_new_year() -> None:
    (week,) = trend([event("a1", date="2021-01-01")], by="week")
    assert week["period"] == "2020-W53"


def test_pair_filter_directed_and_undirected() -> None:
    both = trend(trend_rows(), by="month", pair=("RUS", "UKR"))
    forward = trend(trend_rows(), by="month", pair=("RUS", "UKR"), directed=True)
    backward = trend(trend_rows(), by="month", pair=("UKR", "RUS"), directed=True)
    assert (both[0]["events"], forward[0]["events"], backward[0]["events"]) == (7, 6, 1)
    assert trend(trend_rows(), pair=("USA", "CHN")) == []


def test_arrow_table_gives_the_same_trend_and_no_happening_column_gives_none() -> None:
    rows = trend_rows()
    assert trend(pa.Table.from_pylist(rows), by="week") == trend(rows, by="week")
    plain = [{k: v for k, v in row.items() if k != "happening_id"} for row in rows]
    assert {w["happenings"] for w in trend(pa.Table.from_pylist(plain))} == {None}


def test_unknown_period_is_refused() -> None:
    with pytest.raises(ValueError):
        trend(trend_rows(), by="fortnight")  # type: ignore[arg-type]


# ------------------------------------------------------------------------- alerts


def test_flat_series_never_alarm() -> None:
    assert detect_alerts([5.0] * 200) == []
    assert detect_alerts([0.0] * 200, direction="both") == []
    noise = np.random.default_rng(7).normal(0.0, 0.25, 200)
    assert detect_alerts(list(20.0 + noise), direction="both") == []


def test_a_three_sigma_step_is_found_within_three_periods_once() -> None:
    noise = np.random.default_rng(11).normal(0.0, 0.2, 120)
    series = 10.0 + noise
    series[60:] += 3.0  # the scale is the floor, 1.0: a 3-sigma step
    alerts = detect_alerts(list(series))
    assert len(alerts) == 1  # one episode, not one alert per period while it lasts
    (alert,) = alerts
    assert 60 <= alert.index <= 63 and alert.onset == 60
    assert alert.direction == "up" and alert.value > alert.baseline


def test_smaller_steps_take_longer_and_slow_ones_are_absorbed_as_documented() -> None:
    # clean steps, scale at its floor of 1: delays as the module docstring states
    assert [a.index for a in detect_alerts([10.0] * 60 + [12.0] * 30)] == [62]
    assert [a.index for a in detect_alerts([10.0] * 60 + [11.5] * 30)] == [64]
    assert detect_alerts([10.0] * 60 + [11.0] * 30) == []  # would need ~9 > 12 / 2 periods


def test_a_fall_is_found_only_when_asked() -> None:
    series = [30.0] * 40 + [20.0] * 20
    assert detect_alerts(series) == []
    (alert,) = detect_alerts(series, direction="both")
    assert (alert.index, alert.direction) == (40, "down")


def test_a_lone_spike_alarms_once_if_big_and_not_at_all_if_small() -> None:
    big = [10.0] * 80
    big[50] = 20.0
    assert [(a.index, a.direction) for a in detect_alerts(big)] == [(50, "up")]
    small = [10.0] * 80
    small[50] = 14.0  # z = 4 < h + k: a lone moderate value is not a change
    assert detect_alerts(small) == []


def test_gaps_are_skipped_and_labels_kept() -> None:
    series: list[float | None] = [4.0] * 20 + [None, math.nan] + [12.0] * 5
    labels = [f"2023-W{n:02d}" for n in range(1, 28)]
    (alert,) = detect_alerts(series, labels=labels)
    assert (alert.index, alert.label) == (22, "2023-W23")


def test_min_count_keeps_sparse_relationships_quiet() -> None:
    series = [0.0] * 30 + [3.0] * 5
    assert detect_alerts(series) != []
    assert detect_alerts(series, min_count=5) == []


def test_poisson_counts_false_alarms_are_rare_and_steps_are_found() -> None:
    rng = np.random.default_rng(2023)
    false_alarms, delays = 0, []
    for _ in range(40):
        quiet = rng.poisson(10.0, 100).astype(float)
        false_alarms += len(detect_alerts(list(quiet), poisson_floor=True))
        stepped = np.concatenate([rng.poisson(10.0, 60), rng.poisson(25.0, 20)]).astype(float)
        found = [a.index for a in detect_alerts(list(stepped), poisson_floor=True) if a.index >= 60]
        delays.append(found[0] - 60 if found else 99)
    assert false_alarms / 40 < 1.0  # per 100 quiet periods
    assert sum(d <= 3 for d in delays) >= 38  # a 4.7-sigma step, found within 3 periods


def test_trend_alerts_follow_a_relationship_over_weeks() -> None:
    rows = []
    for week in range(1, 31):
        strikes = 16 if week < 25 else 24
        monday = dt.date.fromisocalendar(2023, week, 1)
        rows += [event(f"w{week}", n, date=monday.isoformat()) for n in range(strikes)]
    # counts get the Poisson floor: scale sqrt(16) = 4, so +8 is a 2-sigma step (3rd week)
    (alert,) = trend_alerts(trend(rows, by="week"), "conflict")
    assert (alert.label, alert.scale) == ("2023-W27", 4.0)
    (alert,) = trend_alerts(trend(rows, by="week"), "conflict", poisson_floor=False)
    assert alert.label == "2023-W25"


# ------------------------------------------------------------------------- timeline


def test_timeline_orders_by_event_date_then_precision_then_published() -> None:
    rows = [
        event("late-report", date="2023-06-12", published=D(2023, 7, 1)),
        event("week", date="2023-W24", published=D(2023, 6, 13)),
        event("early-report", date="2023-06-12", published=D(2023, 6, 12)),
        event("undated", date="PAST_REF", date_start=None, published=D(2023, 1, 1)),
        event("before", date="2023-06-01", published=D(2023, 6, 20)),
    ]
    order = [row["article_id"] for row in timeline(rows)]
    assert order == ["before", "early-report", "late-report", "week", "undated"]
