"""Facts + a seeded RNG → the demo corpus: raw records and aggregator page texts.

    corpus = generate_corpus(seed=2024, n_articles=3600)
    corpus.records   # DemoRecord per JSON/CSV record, in publication order
    corpus.pages     # DemoPage per aggregator .txt page

Pure: no I/O, no clock, no global random state; the same seed and size give the same
corpus in every process. `n_articles` counts records plus pages (bad records are added
later, by write_raw).

How slots (volume.py) become records: an outlet writes its own story in its slot, or, at
its `agency` rate, runs a story of the international agencies. When a wire (SPA, Anadolu)
or agency story appears, the outlets that cover its topic decide at their `carry` rates
whether to republish it, and do so one to 26 hours later in place of one of their own
slots. Copies keep the story with small edits: a new headline, an intro line, a trimmed
ending, the wire's `// انتهى //` dropped, sometimes a credit line. Each outlet then
prints the text in its house style (surface.py).
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import datelines, facts, surface, templates, volume
from .aggregator import PAGE_OUTLETS, compose_page
from .records import Corpus, DemoRecord
from .render import Filler

DEFAULT_SEED = 2024
DEFAULT_ARTICLES = 3600
PAGE_SHARE = 0.03  # of n_articles, as aggregator .txt pages
# One fake host per outlet (`.invalid` can never resolve), so the publisher column, which
# falls back to the URL's domain, tells the outlets apart.
URL_HOST = "{slug}.demo.marsad.invalid"

# Carriers republish a wire story 1–26 hours after it, an agency story within 18 hours.
WIRE_WINDOW = (timedelta(hours=1), timedelta(hours=26))
AGENCY_WINDOW = (timedelta(0), timedelta(hours=18))
# An outlet starts an agency story in AGENCY_START × its `agency` rate of its slots, and
# picks up another outlet's agency story at AGENCY_PICKUP × that rate.
AGENCY_START, AGENCY_PICKUP = 0.5, 2.0
MIN_CARRY_AFFINITY = 0.5  # outlets do not republish stories on topics they ignore
QUOTE_P, CONTEXT_P, CLOSING_P = 0.45, 0.5, 0.35
# Of the articles without a date field, this share still opens with a dated dateline.
TEXT_DATED_P = 0.75
DATELINE_SLOTS = ("city", "place", "capital")  # slots that name where a story is filed
HIJRI_P = 0.3  # SPA items with the Hijri + Gregorian dateline (all of its undated ones)


@dataclass
class Story:
    """A story before any outlet prints it: headline, lead and body paragraphs."""

    key: str
    topic: dict
    published_at: datetime
    local_day: date
    city: str
    title: str
    paragraphs: list[str]
    chosen: dict[str, str] = field(default_factory=dict)  # slot values, for page tags
    carried_by: set[str] = field(default_factory=set)
    printed: DemoRecord | None = None  # a wire's own record of the story


def _phase(topic: dict, day: date) -> str | None:
    """`before`, `day`, `count` (between the last voting day and the results) or `after`
    a dated event; None for background news."""
    if "start" not in topic or "peak" not in topic:
        return None
    if day < topic.get("first_coverage", topic["start"]):
        return "before"
    until = topic.get("until", topic["start"])
    if day <= until:
        return "day"
    if day < topic.get("result_date", until + timedelta(days=1)):
        return "count"  # voting is over, results are not out yet
    return "after"


def _pool(table: dict[str, tuple[str, ...]], kind: str, phase: str | None) -> tuple[str, ...]:
    return table.get(f"{kind}:{phase}") or table.get(kind, ())


def compose_story(rng: random.Random, topic: dict, day: date, when: datetime,
                  outlet_name: str, month_style: str, key: str) -> Story:
    """Write one story on `topic` for `day`: headline, lead, four to seven body sentences
    (at most 3/5 of the pool), maybe a quote, a background sentence and a closing line,
    grouped into paragraphs. `outlet_name` fills `{outlet}`; `month_style` the dates."""
    filler = Filler(rng, topic, day=day, outlet_name=outlet_name, month_style=month_style)
    kind, phase = topic["kind"], _phase(topic, day)
    title = filler.pick(_pool(templates.HEADLINES, kind, phase))
    lead = filler.pick(_pool(templates.LEADS, kind, phase))
    body_pool = _pool(templates.BODY, kind, phase)
    # At most ~60% of a pool per article, so that two stories on one topic do not come out
    # as near-duplicates of each other.
    sentences = filler.sample(body_pool, min(rng.randint(4, 7), max(3, len(body_pool) * 3 // 5)))
    if rng.random() < QUOTE_P:
        quote = filler.pick(templates.QUOTES.get(kind, ()) or templates.GENERIC_QUOTES)
        if quote:
            sentences.insert(rng.randint(1, len(sentences)), quote)
    if phase is not None and rng.random() < CONTEXT_P:
        context = filler.pick(templates.CONTEXT.get(kind, ()))
        if context and context not in sentences:
            sentences.append(context)
    if rng.random() < CLOSING_P:
        sentences.append(filler.pick(templates.CLOSINGS))
    paragraphs = [lead]
    while sentences:
        take = 1 if len(sentences) == 1 or rng.random() < 0.6 else 2
        paragraphs.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    return Story(key, topic, when, day, _dateline_city(rng, filler), title, paragraphs,
                 dict(filler.chosen))


def _dateline_city(rng: random.Random, filler: Filler) -> str:
    """Where the story is filed from: a city or place it names, else one of its topic's
    ("" when the topic has none: the printing outlet then uses its home city)."""
    for slot in DATELINE_SLOTS:
        if slot in filler.chosen:
            return filler.chosen[slot]
    for slot in DATELINE_SLOTS:
        if slot in filler.slots:
            return rng.choice(filler.slots[slot])
    return ""


class Newsroom:
    """Runs the slots in time order and prints every record.

    Syndication is scheduled: when a wire (or an agency) story appears, each outlet that
    covers its topic decides at its carry rate whether to run it, and its copy is queued
    for a time inside the syndication window. The outlet gives up one of its later slots
    for it, so every outlet keeps its volume and the corpus keeps its size.
    """

    def __init__(self, rng: random.Random, slots: list[volume.Slot]) -> None:
        self.rng = rng
        self.records: list[DemoRecord] = []
        self.stories: dict[str, Story] = {}  # record id → story, for pages
        self._queue: list[tuple[datetime, int, object]] = [
            (slot.published_at, i, slot) for i, slot in enumerate(slots)
        ]
        heapq.heapify(self._queue)
        self._seq = len(slots)
        self._slots_left = {o["slug"]: 0 for o in facts.OUTLETS}
        for slot in slots:
            self._slots_left[slot.outlet["slug"]] += 1
        self._slots_owed = dict.fromkeys(self._slots_left, 0)  # given up to queued copies
        self._counts: dict[str, int] = {}
        self._agency_count = 0

    def run(self) -> list[DemoRecord]:
        """Print everything, in publication order; returns the records."""
        while self._queue:
            _, _, item = heapq.heappop(self._queue)
            if isinstance(item, volume.Slot):
                slug = item.outlet["slug"]
                self._slots_left[slug] -= 1
                if self._slots_owed[slug]:
                    self._slots_owed[slug] -= 1
                    continue
                self._fill(item)
            else:
                self._run_copy(*item)
        return self.records

    # --- ids and dates ----------------------------------------------------------------

    def _next_id(self, slug: str) -> str:
        self._counts[slug] = self._counts.get(slug, 0) + 1
        return f"{slug}-{self._counts[slug]:05d}"

    def _dateline(self, outlet: dict, city: str, day: date, *, in_field: bool
                  ) -> tuple[str, bool]:
        """(dateline prefix, whether it carries the date) for `outlet` on local `day`."""
        rng = self.rng
        if outlet["slug"] == "spa" and (not in_field or rng.random() < HIJRI_P):
            return datelines.spa_dateline(day, city) + "\n", True
        if not in_field and rng.random() < TEXT_DATED_P:
            pattern = rng.choice(datelines.DATED_DATELINES)
            return datelines.dated_dateline(pattern, day, city, outlet["months"]) + " ", True
        if in_field and rng.random() < outlet["dateline"]:
            if rng.random() < 0.4:
                pattern = rng.choice(datelines.DATED_DATELINES)
                return datelines.dated_dateline(pattern, day, city, outlet["months"]) + " ", True
            wire = facts.WIRE_CREDITS.get(outlet["slug"])
            pattern = rng.choice(datelines.PLAIN_DATELINES)
            return datelines.plain_dateline(pattern, city, wire["tag"] if wire else ""), False
        return "", False

    # --- printing -----------------------------------------------------------------------

    def _print(self, outlet: dict, story: Story, paragraphs: list[str], *, title: str,
               role: str, copy_of: str | None, when: datetime,
               dateline: tuple[str, bool] | None = None, intro: str | None = None,
               credit: str | None = None) -> DemoRecord:
        """Dateline, wire marks and junk lines, the outlet's house style: one record.

        `intro` is a carrier's line above a republished story; a dateline below it is no
        longer at the top of the text, so it no longer dates the article. `credit` is a
        closing `المصدر:` line, added after the house style so the wire's name stays as
        the wire spells it."""
        rng = self.rng
        day = _local_day(when, outlet)
        in_field = rng.random() >= outlet["no_date_field"]
        if dateline is None:
            dateline = self._dateline(outlet, story.city or outlet["city"], day,
                                      in_field=in_field)
        prefix, in_text = dateline
        paragraphs = [prefix + paragraphs[0], *paragraphs[1:]]
        if intro:
            paragraphs.insert(0, intro)
            in_text = False
        if role == "wire" and facts.WIRE_CREDITS[outlet["slug"]]["end"]:
            paragraphs.append(facts.WIRE_CREDITS[outlet["slug"]]["end"])
        if outlet.get("junk") and rng.random() < outlet["junk_rate"]:
            junk = rng.choice(outlet["junk"])
            at = len(paragraphs) if junk.startswith("(") else rng.randint(1, len(paragraphs))
            paragraphs.insert(at, junk)
        text = outlet["para_sep"].join(paragraphs)
        title, text = surface.apply_house_style(title, text, outlet, rng)
        if credit:
            text = f"{text}{outlet['para_sep']}{credit}"
        record_id = self._next_id(outlet["slug"])
        record = DemoRecord(
            record_id=record_id, outlet=outlet["slug"], source=outlet["name"], title=title,
            text=text, url=f"https://{URL_HOST.format(slug=outlet['slug'])}/{record_id}", published_at=when,
            date_in_field=in_field, date_in_text=in_text, topic=story.topic["key"], role=role,
            copy_of=copy_of,
        )
        self.records.append(record)
        return record

    # --- slots ----------------------------------------------------------------------------

    def _fill(self, slot: volume.Slot) -> None:
        """A slot: the outlet's own story, or (at its agency rate) a new agency story."""
        outlet, rng = slot.outlet, self.rng
        if outlet["role"] != "wire" and rng.random() < AGENCY_START * outlet["agency"]:
            self._agency_count += 1
            when = slot.published_at - timedelta(minutes=rng.randint(30, 360))
            story = compose_story(rng, slot.topic, slot.local_day, when, "الوكالة",
                                  outlet["months"], f"agency-{self._agency_count:05d}")
            story.carried_by.add(outlet["slug"])
            self._agency_copy(outlet, story, slot.published_at)
            self._schedule_copies(story, "agency")
            return
        role = "wire" if outlet["role"] == "wire" else "original"
        key = f"{outlet['slug']}:{len(self.records)}"
        story = compose_story(rng, slot.topic, slot.local_day, slot.published_at,
                              outlet["name"], outlet["months"], key)
        record = self._print(outlet, story, list(story.paragraphs), title=story.title,
                             role=role, copy_of=None, when=slot.published_at)
        self.stories[record.record_id] = story
        if role == "wire":
            story.printed = record
            self._schedule_copies(story, outlet["slug"])

    def _schedule_copies(self, story: Story, via: str) -> None:
        """Decide which outlets run `story` (a wire's, or an agency's when `via` is
        "agency") and queue their copies inside the syndication window."""
        low, high = AGENCY_WINDOW if via == "agency" else WIRE_WINDOW
        for outlet in facts.OUTLETS:
            slug = outlet["slug"]
            if outlet["role"] == "wire" or slug in story.carried_by:
                continue
            rate = (AGENCY_PICKUP * outlet["agency"] if via == "agency"
                    else outlet["carry"].get(via, 0.0))
            if not rate or volume.affinity(outlet, story.topic) < MIN_CARRY_AFFINITY:
                continue
            if self.rng.random() >= rate or self._slots_left[slug] <= self._slots_owed[slug]:
                continue
            lag = low + (high - low) * self.rng.random()
            when = (story.published_at + lag).replace(microsecond=0)
            story.carried_by.add(slug)
            self._slots_owed[slug] += 1
            self._seq += 1
            heapq.heappush(self._queue, (when, self._seq, (outlet, story, via, when)))

    def _run_copy(self, outlet: dict, story: Story, via: str, when: datetime) -> None:
        if via == "agency":
            self._agency_copy(outlet, story, when)
        else:
            self._wire_copy(outlet, story, via, when)

    # --- copies -------------------------------------------------------------------------

    def _retitle(self, story: Story, outlet: dict, day: date) -> str:
        """Carriers mostly write their own headline over a republished story."""
        if self.rng.random() < 0.3:
            return story.title
        filler = Filler(self.rng, story.topic, day=day, outlet_name=outlet["name"],
                        month_style=outlet["months"])
        return filler.pick(_pool(templates.HEADLINES, story.topic["kind"],
                                 _phase(story.topic, day))) or story.title

    def _edited(self, paragraphs: list[str]) -> list[str]:
        """Trim the ending of a republished story: a paragraph, two of a long one, or none."""
        if len(paragraphs) >= 5 and self.rng.random() < 0.5:
            return paragraphs[: -self.rng.randint(1, 2 if len(paragraphs) >= 7 else 1)]
        return paragraphs

    def _wire_copy(self, outlet: dict, story: Story, wire_slug: str, when: datetime) -> None:
        rng, credit, wire_record = self.rng, facts.WIRE_CREDITS[wire_slug], story.printed
        day = _local_day(when, outlet)
        paragraphs = self._edited(list(story.paragraphs))
        dateline, intro = None, None
        if rng.random() < 0.5:  # keep the wire's own dateline (SPA's may carry the date)
            first_line = wire_record.text.split("\n", 1)[0]
            if first_line.endswith(" واس"):
                dateline = (first_line + "\n", True)
            else:
                city = story.city or _outlet(wire_slug)["city"]
                dateline = (f"{city} {credit['tag']} - ", False)
        if rng.random() < 0.35:
            filler = Filler(rng, story.topic, day=day, outlet_name=outlet["name"],
                            month_style=outlet["months"])
            filler.chosen["agency"] = credit["agency"]
            intro = filler.fill(rng.choice(templates.WIRE_INTROS))
        credit_line = f"المصدر: {_outlet(wire_slug)['name']}" if rng.random() < 0.25 else None
        self._print(outlet, story, paragraphs, title=self._retitle(story, outlet, day),
                    role="copy", copy_of=wire_record.record_id, when=when, dateline=dateline,
                    intro=intro, credit=credit_line)

    def _agency_copy(self, outlet: dict, story: Story, when: datetime) -> None:
        rng = self.rng
        paragraphs = self._edited(list(story.paragraphs))
        credit = rng.choice(templates.AGENCY_CREDITS)
        dateline = None
        if credit.startswith("(") and rng.random() < 0.5:
            dateline = (f"{story.city or outlet['city']} {credit} - ", False)
        else:
            paragraphs[-1] = f"{paragraphs[-1]} {credit}"
        day = _local_day(when, outlet)
        self._print(outlet, story, paragraphs, title=self._retitle(story, outlet, day),
                    role="copy", copy_of=story.key, when=when, dateline=dateline)


def _outlet(slug: str) -> dict:
    return next(o for o in facts.OUTLETS if o["slug"] == slug)


def _local_day(when: datetime, outlet: dict) -> date:
    return (when + timedelta(hours=outlet["utc_offset"])).date()


def generate_corpus(seed: int = DEFAULT_SEED, n_articles: int = DEFAULT_ARTICLES) -> Corpus:
    """The whole demo corpus for `seed`: `n_articles` records and pages in total."""
    if n_articles < 20:
        raise ValueError(f"n_articles must be at least 20, got {n_articles}")
    rng = random.Random(seed)
    n_pages = max(1, round(n_articles * PAGE_SHARE))
    newsroom = Newsroom(rng, volume.sample_slots(rng, n_articles - n_pages))
    newsroom.run()
    sources = [r for r in newsroom.records
               if r.role == "original" and r.outlet in PAGE_OUTLETS
               and len(newsroom.stories[r.record_id].paragraphs) >= 3]
    originals = [r for r in newsroom.records if r.role == "original"]
    chosen = sorted(rng.sample(sources, min(n_pages, len(sources))),
                    key=lambda r: (r.published_at, r.record_id))
    pages = tuple(
        compose_page(rng, i + 1, record, newsroom.stories[record.record_id], originals)
        for i, record in enumerate(chosen)
    )
    return Corpus(seed, tuple(newsroom.records), pages)
