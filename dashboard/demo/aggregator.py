"""Aggregator pages: an outlet's article as a news aggregator republishes it, saved as .txt.

Layout (the one Marsad's page parser reads, see dashboard/ingest/page.py):

    [headline line]                  sometimes, with or without a "نشر في" date line
    the article's paragraphs         copied from the outlet, sometimes with a related-link
                                     line scraped into the middle
    المصدر: <outlet>                 the credit, sometimes also under its Latin name
    كلمات دلالية: <tags>             several tags are multi-word (عبد الفتاح السيسي)
    اقرأ أيضا:                       another article: headline and paragraphs
    مقالات ذات صلة                   a bullet list of headlines

The page carries no date field; a date is only in its text when the outlet's dateline
had one or the page shows a "نشر في" line.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from . import datelines, facts, templates
from .records import DemoPage, DemoRecord
from .render import resolve_alternatives

if TYPE_CHECKING:  # generate.py imports this module; Story is only read here
    from .generate import Story

# Outlets whose articles the aggregator picks up.
PAGE_OUTLETS = ("rt-arabic", "skynews-arabia", "aljazeera", "alarabiya", "france24",
                "echorouk", "ahram")  # fmt: skip
RELATED_HEADINGS = ("اقرأ أيضا:", "إقرأ أيضاً:", "اقرأ أيضًا:")
LIST_HEADINGS = ("مقالات ذات صلة", "مقالات مشابهة", "أخبار ذات صلة")
TAG_LABELS = ("كلمات دلالية:", "كلمات دلالية :", "الوسوم:")
OFF_TOPIC_TAGS = ("الطقس", "أسعار الذهب", "الذكاء الاصطناعي", "سعر الدولار")
TAG_SLOTS = ("person", "place", "place2", "org", "country", "city", "area", "club", "winner",
             "deceased", "party", "host", "mediator")  # fmt: skip
BULLET = "  • "


def page_tags(rng: random.Random, story: Story) -> list[str]:
    """3–8 tags: the story's people, places and organisations (often several words long),
    sometimes one twice, sometimes one that has nothing to do with the story."""
    tags = list(dict.fromkeys(story.chosen[k] for k in TAG_SLOTS if k in story.chosen))
    slots = story.topic["slots"]
    extra = [v for k in ("place", "org", "person", "ministry", "project", "city")
             for v in slots.get(k, ())]
    rng.shuffle(extra)
    for value in extra:
        if len(tags) >= rng.randint(3, 7):
            break
        if value not in tags:
            tags.append(value)
    rng.shuffle(tags)
    if tags and rng.random() < 0.3:
        tags.append(rng.choice(tags))
    if rng.random() < 0.3:
        tags.insert(rng.randrange(len(tags) + 1), rng.choice(OFF_TOPIC_TAGS))
    return tags


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def compose_page(rng: random.Random, index: int, record: DemoRecord, story: Story,
                 others: list[DemoRecord]) -> DemoPage:
    """The aggregator page reproducing `record`; related content comes from `others`."""
    outlet = next(o for o in facts.OUTLETS if o["slug"] == record.outlet)
    pool = [r for r in others if r.record_id != record.record_id and r.topic != record.topic]
    related, *listed = rng.sample(pool, min(len(pool), rng.randint(6, 9)))
    published = record.published_at + timedelta(hours=rng.randint(1, 30))

    blocks: list[str] = []
    date_in_text = record.date_in_text
    if rng.random() < 0.5:
        blocks.append(record.title)
        if rng.random() < 0.4:
            day = published.date()
            blocks.append(f"نشر في {datelines.format_date(day, 'gregorian')}")
            date_in_text = True
    body = _paragraphs(record.text)
    if len(body) > 2 and rng.random() < 0.35:
        link = resolve_alternatives(rng.choice(templates.INLINE_LINKS), rng)
        body.insert(1, link.replace("{title}", (listed[0] if listed else related).title))
    blocks.extend(body)
    # The outlet credited twice, Latin name first: the parser keeps the last credit, so
    # the page is filed under the same Arabic name as the outlet's own feed.
    if rng.random() < 0.6:
        blocks.append(f"المصدر: {outlet['latin']}")
        blocks.append(" ")  # a line holding only a space, as scraped
    blocks.append(f"المصدر: {outlet['name']}")
    tags = page_tags(rng, story)
    blocks.append(f"{rng.choice(TAG_LABELS)} {' '.join(tags)}")
    blocks.append(rng.choice(RELATED_HEADINGS))
    blocks.append(related.title)
    blocks.extend(_paragraphs(related.text)[: rng.randint(1, 3)])
    blocks.append(rng.choice(LIST_HEADINGS))
    bullets = "\n".join(BULLET + r.title for r in listed)
    text = "\n\n".join(blocks) + ("\n\n" + bullets if bullets else "") + "\n"
    return DemoPage(
        name=f"pages/{facts.AGGREGATOR['slug']}-{index:04d}.txt",
        text=text, published_at=published, copy_of=record.record_id,
        related_to=related.record_id, tags=tuple(tags), date_in_text=date_in_text,
    )
