"""HTML fragments for text views: keyword in context and the article reader.

Pure functions, strings in and out. Every piece of text from the dataset or the user is
HTML-escaped here, before the page hands the result to Streamlit with unsafe_allow_html;
nothing is ever placed inside a tag, attribute or style except escaped text and values
from fixed tables. Arabic text is marked `dir="rtl" lang="ar"` and set in the bundled font
(classes styled by the page CSS, see views/frame.py).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

ENTITY_CLASSES = {"PER": "m-per", "LOC": "m-loc", "ORG": "m-org", "MISC": "m-misc"}
HIT_CLASS = "m-hit"


def esc(text) -> str:
    """HTML-escaped text (quotes included); None becomes ''."""
    return html.escape("" if text is None else str(text), quote=True)


def kwic_table(rows: list[dict], *, heading_before: str, heading_hit: str,
               heading_after: str) -> str:
    """A right-to-left concordance: one row per snippet, the text before the hit on the
    right, the hit in the middle, the text after it on the left (reading order).
    rows: dicts with before, hit, after and optionally meta (source line) and date; the
    date is isolated left to right (after Arabic text, 2024-12-27 would show as 27-12-2024)."""
    head = (f"<tr><th>{esc(heading_before)}</th><th>{esc(heading_hit)}</th>"
            f"<th>{esc(heading_after)}</th></tr>")
    body = []
    for r in rows:
        date = f' · <span dir="ltr">{esc(r["date"])}</span>' if r.get("date") else ""
        meta = (f'<div class="kwic-meta">{esc(r.get("meta", ""))}{date}</div>'
                if r.get("meta") or date else "")
        body.append(
            f'<tr><td class="kwic-before">{esc(r["before"])}{meta}</td>'
            f'<td class="kwic-hit"><mark class="{HIT_CLASS}">{esc(r["hit"])}</mark></td>'
            f'<td class="kwic-after">{esc(r["after"])}</td></tr>'
        )
    return (f'<table class="marsad-kwic" dir="rtl" lang="ar"><thead>{head}</thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _marks(spans: list[tuple[int, int, str, str]], length: int) -> list[tuple[int, int, str, str]]:
    """Keep spans inside the text, drop those overlapping an earlier-kept one (entities are
    listed first, so they win over search hits)."""
    kept: list[tuple[int, int, str, str]] = []
    for s, e, cls, title in spans:
        if 0 <= s < e <= length and all(e <= ks or s >= ke for ks, ke, _, _ in kept):
            kept.append((s, e, cls, title))
    return sorted(kept)


def _text(segment: str) -> str:
    return esc(segment).replace("\n", "<br>")


def highlight(body: str, spans: list[tuple[int, int, str, str]]) -> str:
    """`body` escaped, with each span (start, end, css class, tooltip) in a <mark>.
    CSS classes must come from ENTITY_CLASSES or HIT_CLASS."""
    allowed = set(ENTITY_CLASSES.values()) | {HIT_CLASS}
    out, pos = [], 0
    for s, e, cls, title in _marks(spans, len(body)):
        if cls not in allowed:
            continue
        out.append(_text(body[pos:s]))
        out.append(f'<mark class="{cls}" title="{esc(title)}">{_text(body[s:e])}</mark>')
        pos = e
    out.append(_text(body[pos:]))
    return "".join(out)


def mention_spans(mentions, hit_pattern: re.Pattern | None, body: str
                  ) -> list[tuple[int, int, str, str]]:
    """Spans to highlight: entity mentions (rows with type, name, starts, ends), then the
    search hits of `hit_pattern` in `body`."""
    spans = []
    for m in mentions:
        cls = ENTITY_CLASSES.get(m["type"], "m-misc")
        for s, e in zip(m["starts"], m["ends"], strict=False):
            spans.append((int(s), int(e), cls, f'{m["name"]} · {m["type"]}'))
    if hit_pattern is not None:
        spans.extend((mt.start(), mt.end(), HIT_CLASS, "") for mt in hit_pattern.finditer(body))
    return spans


def safe_url(url) -> str | None:
    """The URL when it is http(s), else None (no javascript: links)."""
    if not url:
        return None
    try:
        scheme = urlsplit(str(url)).scheme.lower()
    except ValueError:
        return None
    return str(url) if scheme in ("http", "https") else None


def article_html(article: dict, spans: list[tuple[int, int, str, str]], labels: dict) -> str:
    """The reader pane: title, meta lines (date, credited source vs publisher, tags, link),
    and the body with highlights. `labels` holds the translated field names: date, source,
    publisher, tags, link, undated, unknown."""
    date = article.get("published_at")
    date_text = date.strftime("%Y-%m-%d %H:%M") if date is not None else labels["undated"]
    tags = "".join(f'<span class="marsad-tag">{esc(t)}</span>' for t in article.get("tags") or [])
    rows = [
        (labels["date"], f'<span dir="ltr">{esc(date_text)}</span>'),
        (labels["source"], esc(article.get("source") or labels["unknown"])),
        (labels["publisher"], esc(article.get("publisher") or labels["unknown"])),
    ]
    if tags:
        rows.append((labels["tags"], tags))
    url = safe_url(article.get("url"))
    if url:
        rows.append((labels["link"], f'<a href="{esc(url)}" target="_blank" '
                                     f'rel="noopener noreferrer" dir="ltr">{esc(url)}</a>'))
    meta = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
    title = f"<h3>{esc(article['title'])}</h3>" if article.get("title") else ""
    return (f'<article class="marsad-reader" dir="rtl" lang="ar">{title}'
            f'<dl class="marsad-meta">{meta}</dl>'
            f'<div class="marsad-body">{highlight(article["body"], spans)}</div></article>')


def legend_html(labels: dict[str, str]) -> str:
    """A key for the highlight colours: {css class: translated name}."""
    items = "".join(f'<mark class="{cls}">{esc(name)}</mark> ' for cls, name in labels.items()
                    if cls in set(ENTITY_CLASSES.values()) | {HIT_CLASS})
    return f'<div class="marsad-legend">{items}</div>'
