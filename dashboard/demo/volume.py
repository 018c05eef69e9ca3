"""How many articles, when, from whom, about what: the corpus's volume curves.

Every (day, outlet, topic) cell gets a weight

    outlet base × weekday factor (its weekend is quiet) × slow growth over the span
    × topic level on that day (flat for background news; for events a ramp before,
    the peak on the day, a half-life decay after, a plateau for long wars)
    × the outlet's interest in the topic (its focus regions, else the topic's reach)

and `sample_slots` draws the article slots from those weights, each at a local hour
drawn from a newsroom day (quiet at night, busy late morning and evening).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate

from . import facts

WEEKEND_FACTOR = 0.55
# Event peaks and pre-event levels in facts are relative; this scales them against the
# background levels so that big days stand out on the timeline.
EVENT_SCALE = 4.0
GROWTH = 0.25  # the last day of the span carries this much more than the first
# Relative activity per local hour 0..23.
HOUR_WEIGHTS: tuple[float, ...] = (
    0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.4, 2.0, 2.4, 2.6, 2.6,
    2.5, 2.3, 2.2, 2.1, 2.0, 2.0, 2.1, 2.2, 2.0, 1.6, 1.1, 0.6,
)  # fmt: skip


@dataclass(frozen=True)
class Slot:
    """One article to write: when (UTC and the outlet's local day), who, about what."""

    published_at: datetime
    local_day: date
    outlet: dict
    topic: dict


def all_topics() -> tuple[dict, ...]:
    """Dated events first, then background topics (the order draws depend on)."""
    return facts.EVENTS + facts.BACKGROUND


def span_days(start: date = facts.SPAN_START, end: date = facts.SPAN_END) -> list[date]:
    """Every day from `start` to `end`, inclusive."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def event_level(topic: dict, day: date) -> float:
    """Coverage level of a dated event on `day` (0 outside its coverage)."""
    start = topic["start"]
    first = topic.get("first_coverage", start)
    until = topic.get("until", first)
    peak, half_life = EVENT_SCALE * topic["peak"], topic["half_life"]
    if day < first:
        lead = topic.get("lead", 0)
        ahead = (start - day).days
        pre = EVENT_SCALE * topic.get("pre", 0.0)
        return pre * (1 - ahead / (lead + 1)) if 0 < ahead <= lead else 0.0
    if day > topic["end"]:
        return 0.0
    if day <= until:
        # A multi-day event (a summit, a tournament) keeps much of its coverage throughout.
        return peak * (0.55 + 0.45 * 0.5 ** ((day - first).days / half_life))
    return max(peak * 0.5 ** ((day - until).days / half_life), topic.get("plateau", 0.0))


def topic_level(topic: dict, day: date) -> float:
    """Coverage level of any topic on `day`."""
    if "peak" in topic:
        return event_level(topic, day)
    if topic.get("start", facts.SPAN_START) <= day <= topic.get("end", facts.SPAN_END):
        return topic["level"]
    return 0.0


def affinity(outlet: dict, topic: dict) -> float:
    """How much `outlet` covers `topic`: its strongest focus among the topic's regions,
    else the topic's reach default scaled by how much the outlet covers news elsewhere."""
    fallback = facts.REACH_DEFAULT[topic["reach"]] * outlet.get("elsewhere", 1.0)
    return max(outlet["focus"].get(region, fallback) for region in topic["regions"])


def cell_weights(days: list[date], outlets: tuple[dict, ...], topics: tuple[dict, ...]
                 ) -> tuple[list[tuple[int, int, int]], list[float]]:
    """All (day index, outlet index, topic index) cells with a positive weight."""
    aff = [[affinity(o, t) for t in topics] for o in outlets]
    cells: list[tuple[int, int, int]] = []
    weights: list[float] = []
    n = max(len(days) - 1, 1)
    for d_i, day in enumerate(days):
        levels = [(t_i, topic_level(t, day)) for t_i, t in enumerate(topics)]
        levels = [(t_i, lv) for t_i, lv in levels if lv > 0]
        growth = 1 + GROWTH * d_i / n
        for o_i, outlet in enumerate(outlets):
            factor = WEEKEND_FACTOR if day.weekday() in outlet["weekend"] else 1.0
            base = outlet["base"] * factor * growth
            for t_i, lv in levels:
                cells.append((d_i, o_i, t_i))
                weights.append(base * lv * aff[o_i][t_i])
    return cells, weights


def local_time(rng: random.Random, day: date, utc_offset: int) -> datetime:
    """A publication time on local `day`, returned in UTC."""
    hour = rng.choices(range(24), weights=HOUR_WEIGHTS)[0]
    local = datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60))
    return (local - timedelta(hours=utc_offset)).replace(tzinfo=UTC)


def sample_slots(rng: random.Random, k: int) -> list[Slot]:
    """`k` article slots drawn from the cell weights, sorted by publication time."""
    days = span_days()
    outlets, topics = facts.OUTLETS, all_topics()
    cells, weights = cell_weights(days, outlets, topics)
    picks = rng.choices(cells, cum_weights=list(accumulate(weights)), k=k)
    picks.sort()
    slots = []
    for d_i, o_i, t_i in picks:
        outlet, day = outlets[o_i], days[d_i]
        when = local_time(rng, day, outlet["utc_offset"])
        slots.append(Slot(when, day, outlet, topics[t_i]))
    slots.sort(key=lambda s: (s.published_at, s.outlet["slug"], s.topic["key"]))
    return slots
