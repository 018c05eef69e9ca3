"""One raw record → one article row (or a reject): the per-record step of the ingest.

Pure: no I/O, no global state. `pipeline.py` calls `build_article` for every record and
collects rows; everything a record turns into is decided here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from dashboard.arabic.normalize import clean_display, match_form_of_display

from .dates import parse_crawl_date, resolve_date
from .page import parse_page
from .readers import RawRecord, Reject


@dataclass(frozen=True)
class Article:
    """One processed article, before deduplication assigns its group."""

    article_id: str
    identity: str  # what the id was derived from, to tell re-reads from clashes
    source: str | None
    publisher: str | None
    published_at: object  # datetime (UTC) or None
    date_source: str
    title: str | None
    body: str
    body_norm: str
    tags: tuple[str, ...]
    url: str | None
    n_words: int
    input_ref: str
    record_id: str | None
    warning: str | None


def _text(value) -> str | None:
    if value is None:
        return None
    text = clean_display(str(value))
    return text or None


def url_domain(url: str | None) -> str | None:
    """The host of a URL without `www.` (`https://www.bbc.com/arabic/x` → `bbc.com`)."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


def credit_fields(credited: str | None, source_field: str | None,
                  publisher_field: str | None, url: str | None) -> tuple[str | None, str | None]:
    """Decide (source, publisher).

    source: who wrote the story — the page's credit line (`المصدر: ...`), else the record's
    source/outlet field, else the publisher. publisher: who carried the page — the
    record's publisher field, else the record's source field when a credit line names
    someone else (an aggregator record), else the URL's domain.
    """
    domain = url_domain(url)
    source = credited or source_field or publisher_field or domain
    if publisher_field:
        publisher = publisher_field
    elif credited and source_field and source_field != credited:
        publisher = source_field
    else:
        publisher = domain
    return source, publisher


def article_id_for(identity: str) -> str:
    """16 hex characters of SHA-1: stable across runs and machines."""
    return hashlib.sha1(identity.encode("utf-8")).hexdigest()[:16]


def build_article(record: RawRecord, crawl_date: date | None) -> Article | Reject:
    """Parse, clean, date and identify one record."""
    fields = record.fields
    raw_text = fields.get("text")
    if raw_text is None or not str(raw_text).strip():
        return Reject(record.input_ref, "no_text", "the record has no text")
    page = parse_page(str(raw_text))
    if not page.body:
        return Reject(record.input_ref, "no_body",
                      "nothing is left before the first boilerplate block")
    body = page.body
    body_norm = match_form_of_display(body)

    url = _text(fields.get("url"))
    source, publisher = credit_fields(page.credited_source, _text(fields.get("source")),
                                      _text(fields.get("publisher")), url)
    record_crawl = parse_crawl_date(fields.get("crawl_date")) or crawl_date
    # A headline line the page parser lifted off the top may carry the dateline.
    dated = resolve_date(fields.get("published_at"),
                         f"{page.title}\n\n{body}" if page.title else body, record_crawl)

    record_id = _text(fields.get("id"))
    # The id follows the record's own identity when it has one, so re-ingesting an edited
    # copy keeps its id; otherwise it follows the content.
    if record_id:
        identity = f"id\x1f{publisher or source or ''}\x1f{record_id}"
    elif url:
        identity = f"url\x1f{url}"
    else:
        identity = f"text\x1f{source or ''}\x1f{body_norm}"

    return Article(
        article_id=article_id_for(identity),
        identity=identity,
        source=source,
        publisher=publisher,
        published_at=dated.value,
        date_source=dated.source,
        title=_text(fields.get("title")) or page.title,
        body=body,
        body_norm=body_norm,
        tags=page.tags,
        url=url,
        n_words=body_norm.count(" ") + 1,
        input_ref=record.input_ref,
        record_id=record_id,
        warning=dated.warning,
    )
