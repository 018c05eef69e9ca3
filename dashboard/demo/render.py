"""Fill sentence templates for one article: alternations, fields, proclitics, counts.

    f = Filler(rng, topic, day=date(2023, 10, 9), outlet_name="الجزيرة نت", month_style="dual_gl")
    f.fill("[قصف عنيف|غارات] على {place} {day_ref}")   → "غارات على رفح اليوم الاثنين"
    f.pick(("{deal} ...", "{place} ..."))              → a template this topic can fill, filled

A `Filler` draws one bundle of slot values per article (a variant, a person, a place) and
keeps them, so the same `{place}` reads the same in every sentence; `{place2}` and `{club2}`
are drawn apart from them. Everything random comes from the `rng` it is given.
"""

from __future__ import annotations

import math
import random
import re
from datetime import date

from . import datelines, facts, templates

_ALT_RE = re.compile(r"\[([^\[\]]*)\]")
_FIELD_RE = re.compile(r"\{(\w+)\}")
# `بـ`/`لـ`/`كـ` written before a field: joined to the word the field brought.
_PROCLITIC_RE = re.compile(r"(?<![^\s\"«(])([بلك])ـ ?([\u0621-\u064a]\S*)")

DEAD = ("قتيل", "قتيلين", "قتلى", "قتيلا")

# Fields every article can fill, whatever its topic.
_ALWAYS = frozenset({
    "weekday", "date", "year", "outlet", "day_ref", "anon", "pct", "price", "score", "temp",
})  # fmt: skip
# Fields drawn afresh at every use (the rest are drawn once per article).
_FRESH = frozenset({"anon", "pct", "price", "day_ref"})


def resolve_alternatives(template: str, rng: random.Random) -> str:
    """Replace every `[a|b|c]` in `template` by one of its alternatives."""
    return _ALT_RE.sub(lambda m: rng.choice(m.group(1).split("|")), template)


def join_proclitic(letter: str, word: str) -> str:
    """`ل` + `الأمم` → `للأمم`, `ل` + `اللجنة` → `للجنة`, `ب` + `الاتفاق` → `بالاتفاق`."""
    if letter == "ل" and word.startswith("ال"):
        rest = word[2:]
        return "ل" + rest if rest.startswith("ل") else "لل" + rest
    return letter + word


def join_proclitics(text: str) -> str:
    """Apply `join_proclitic` to every `بـ x` / `لـx` / `كـx` in `text`."""
    return _PROCLITIC_RE.sub(lambda m: join_proclitic(m.group(1), m.group(2)), text)


def count_phrase(n: int, forms: tuple[str, str, str, str]) -> str:
    """`n` and its counted noun: forms = (singular, dual, plural, accusative singular).

    3–10 take the plural, 11–99 the accusative singular, round hundreds and thousands
    and 101/102 the (genitive) singular: `7 أشخاص`، `25 شخصا`، `300 شخص`.
    """
    singular, dual, plural, accusative = forms
    if n == 2:
        return dual
    last = n % 100
    if 3 <= last <= 10:
        return f"{n} {plural}"
    if last <= 2:  # 1, 100, 101, 1000...
        return f"{n} {singular}"
    return f"{n} {accusative}"


def toll_phrase(n: int) -> str:
    """A death toll as papers round it: `أكثر من 12 ألف قتيل`، `أكثر من 5 آلاف قتيل`، `740 قتيلا`."""
    if n >= 1000:
        k = n // 1000
        if k == 1:
            thousands = "ألف"
        elif k == 2:
            thousands = "ألفي"
        elif k <= 10:
            thousands = f"{k} آلاف"
        else:
            thousands = f"{k} ألف"
        return f"أكثر من {thousands} {DEAD[0]}"
    return count_phrase(max(n // 10 * 10, 3), DEAD)


def toll_on(toll: tuple[int, float], days_since: int) -> int:
    """Reported toll `days_since` days after an event: (final, time constant in days)."""
    final, tau = toll
    return int(final * (1 - math.exp(-(days_since + 0.7) / tau)))


def person_active(name: str, day: date) -> bool:
    """Whether `name` may appear on `day` (facts.PEOPLE `active` window)."""
    first, last = facts.PEOPLE[name].get("active", (None, None))
    return (first is None or day >= first) and (last is None or day <= last)


def role_on(name: str, day: date) -> str:
    """The office of `name` on `day`, after any dated change of role."""
    info = facts.PEOPLE[name]
    role = info["role"]
    for since, later in info.get("changes", ()):
        if day >= since:
            role = later
    return role


class Filler:
    """Slot values of one article, drawn lazily and kept; see the module docstring."""

    def __init__(self, rng: random.Random, topic: dict, *, day: date, outlet_name: str,
                 month_style: str, variant: dict | None = None) -> None:
        self.rng = rng
        self.topic = topic
        self.day = day
        self.outlet_name = outlet_name
        self.month_style = month_style
        slots = dict(topic.get("slots", {}))
        if variant is None:
            variant = choose_variant(rng, topic, day)
        slots.update({k: v for k, v in (variant or {}).items() if k != "months"})
        if "person" in slots:
            slots["person"] = tuple(p for p in slots["person"] if person_active(p, day))
        self.slots = {k: v for k, v in slots.items() if v}
        self.chosen: dict[str, str] = {}

    # --- which fields can be filled ---------------------------------------------------

    def available(self, name: str) -> bool:
        if name in _ALWAYS or name in self.slots:
            return True
        if name.startswith("n_"):
            return name[2:] in templates.NOUNS
        if name == "person_role":
            return "person" in self.slots
        if name == "place2":
            return len(self.slots.get("place", ())) >= 2
        if name == "club2":
            return "club" in self.slots and "clubs" in self.slots
        if name == "toll":
            return "toll" in self.topic and self.day >= self._first_day()
        if name == "start":
            return "start" in self.topic
        if name == "days":
            return "start" in self.topic and self.day >= self.topic["start"]
        return False

    def usable(self, template: str) -> bool:
        """Whether every field of `template` can be filled for this article."""
        return all(self.available(f) for f in _FIELD_RE.findall(template))

    # --- values -----------------------------------------------------------------------

    def value(self, name: str) -> str:
        if name in self.chosen:
            return self.chosen[name]
        value = self._draw(name)
        if name not in _FRESH and not name.startswith("n_"):
            self.chosen[name] = value
        return value

    def _first_day(self) -> date:
        return self.topic.get("first_coverage", self.topic.get("start", self.day))

    def _draw_apart(self, pool: tuple[str, ...], taken: str) -> str:
        others = [v for v in pool if v != taken]
        return self.rng.choice(others or list(pool))

    def _draw(self, name: str) -> str:
        rng = self.rng
        if name == "weekday":
            return datelines.weekday_name(self.day)
        if name == "date":
            return datelines.format_date(self.day, self.month_style)
        if name == "year":
            return str(self.day.year)
        if name == "outlet":
            return self.outlet_name
        if name == "day_ref":
            return self.fill(rng.choice(templates.DAY_REFS))
        if name == "anon":
            return rng.choice(templates.ANON_BY_KIND.get(self.topic["kind"], templates.ANON))
        if name == "pct":
            return f"{rng.uniform(0.3, 6.5):.1f}"
        if name == "price":
            return f"{rng.uniform(70.0, 95.0):.2f}"
        if name == "score":
            loser = rng.randint(0, 2)
            return f"{loser + rng.randint(1, 3)}-{loser}"
        if name == "temp":
            return str(self._temperature())
        if name.startswith("n_"):
            forms = templates.NOUNS[name[2:]]
            low, high = forms[4]
            return count_phrase(rng.randint(low, high), forms[:4])
        if name == "person_role":
            return role_on(self.value("person"), self.day)
        if name == "place2":
            return self._draw_apart(self.slots["place"], self.value("place"))
        if name == "club2":
            return self._draw_apart(self.slots["clubs"], self.value("club"))
        if name == "toll":
            return toll_phrase(toll_on(self.topic["toll"], (self.day - self._first_day()).days))
        if name == "start":
            return datelines.format_date(self.topic["start"], self.month_style)
        if name == "days":
            return str((self.day - self.topic["start"]).days + 1)
        return rng.choice(self.slots[name])

    def _temperature(self) -> int:
        phenomenon = self.value("phenomenon") if "phenomenon" in self.slots else ""
        if "حر" in phenomenon:
            return self.rng.randint(42, 50)
        if "برد" in phenomenon:
            return self.rng.randint(-2, 8)
        return self.rng.randint(14, 30)

    # --- templates --------------------------------------------------------------------

    def fill(self, template: str) -> str:
        """Alternations chosen, fields filled, proclitics joined."""
        text = resolve_alternatives(template, self.rng)
        text = _FIELD_RE.sub(lambda m: self.value(m.group(1)), text)
        return join_proclitics(text)

    def pick(self, pool: tuple[str, ...]) -> str | None:
        """One usable template of `pool`, filled; None when none is usable."""
        usable = [t for t in pool if self.usable(t)]
        return self.fill(self.rng.choice(usable)) if usable else None

    def sample(self, pool: tuple[str, ...], k: int) -> list[str]:
        """Up to `k` distinct usable templates of `pool`, filled, in random order."""
        usable = [t for t in pool if self.usable(t)]
        chosen = self.rng.sample(usable, min(k, len(usable)))
        filled = [self.fill(t) for t in chosen]
        return list(dict.fromkeys(filled))  # two templates may fill to the same sentence


def choose_variant(rng: random.Random, topic: dict, day: date) -> dict | None:
    """One of the topic's slot bundles valid in `day`'s month (any when none is)."""
    variants = topic.get("variants")
    if not variants:
        return None
    fitting = [v for v in variants if day.month in v.get("months", range(1, 13))]
    return rng.choice(fitting or list(variants))
