"""Time inside the text: when a claim's own sentence says it holds, and whether it is background.

A claim is dated by its article unless its sentence says otherwise: "Wagner has been in Mali
since 2021", "In 2019 Wagner fighters arrived in Libya", "l'année dernière", "с 2017 года".
``time_of`` reads that off one evidence sentence, as a pure function of the sentence, its
language, the article's date and (when known) where the claim's place sits in the sentence.

Why it is built this way:
- Dates are parsed by ``dateparser`` (a kept library that reads en/fr/ru and resolves "last
  year" against a base date we give it: the article's, never today). This module only finds the
  few words that may form one expression (word lists in ``news/timeref.toml``, data not code)
  and hands each run of them to dateparser, shortening the run until it parses to a sane date
  (dateparser reads "2017 года" as the year 7; "2017" alone it reads right).
- dateparser's own ``search_dates`` was measured first: it takes "may" the verb and "March
  Street" for dates, "Mali's 2020 coup" for 2020, and misses "L'année dernière" and "В прошлом
  году" at a sentence's start. So a year or a month on its own counts only right after a time
  word (``since``/``until``/``point`` lists); a month with its year, or a relative phrase
  ("last year", "il y a deux ans", "два года назад"), counts anywhere.
- Granularity is kept, not invented: "2019" is the period 2019-01-01..2019-12-31 with
  precision ``year``; "March 2022" a month; "15 March 2022" a day.
- Semantics (docs/design.md, "Time inside the text"):
  * a point ("in 2019", "last year", "en 2018"): ``as_of`` is the period's first day, ``until``
    its last: a closed interval. It confirms the claim on the article's date only if the period
    reaches that date ("in 2024" in a 2024 article), or a "now" word keeps it open ("arrived in
    2021 and is still there": ``until`` None).
  * a start ("since 2021", "depuis 2021", "с 2017 года"): ``as_of`` the start, ``until`` None:
    still running, so it *is* a confirmation on the article's date, with an earlier start.
  * an end ("until June", "jusqu'en juin", "до июня"): ``until`` the period's last day.
  * a range ("from 2018 to 2020", "с 2018 по 2020 год"): both.
  * background: the claim's place sits in a non-restrictive relative clause ("Wagner, which
    has fought in Libya and Syria, is now in Mali": Libya), with no "now" word in it. Such a
    claim is not a confirmation on the article's date; a time inside the clause still dates it.
  ``confirms_on_article_date`` says which claims move "last confirmed" to the article's date.
- Cheap first: ``may_hold_time`` (a digit, or a month or relative word) runs before any parsing,
  and only evidence sentences are read, once per sentence per article.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

WORDS_PATH = Path(__file__).with_name("timeref.toml")
PRECISIONS = ("year", "month", "day")
_WORD = re.compile(r"\w+")  # a tokenizer, not a date pattern: dates are dateparser's
_DIGIT = re.compile(r"\d")  # the prefilter's "any digit", in C
_LOOKBACK = 4  # words an expression may start before its first month/year/relative word ("il y a deux ans")
_LOOKAHEAD = 4  # and go on after it ("2017 года", "il y a deux ans")
_MIN_YEAR = 1900


@dataclass(frozen=True, slots=True)
class TimeRef:
    """What a sentence says of a claim's time. All None/False/"" when it says nothing."""

    as_of: date | None = None
    precision: str | None = None  # of as_of (or of until when there is no as_of): PRECISIONS
    until: date | None = None
    background: bool = False
    time_text: str = ""


NO_TIME = TimeRef()


@dataclass(frozen=True, slots=True)
class _Words:
    months: frozenset[str]
    relative: frozenset[str]
    units: frozenset[str]
    inner: frozenset[str]
    since: frozenset[str]
    from_: frozenset[str]
    until: frozenset[str]
    range_end: frozenset[str]
    where: frozenset[str]
    point: frozenset[str]
    now: frozenset[str]
    relative_pronouns: frozenset[str]
    aliases: tuple[tuple[str, str], ...]
    triggers: frozenset[str] = frozenset()  # months | relative: the prefilter's words


_KEYS = ("months", "relative", "units", "inner", "since", "from", "until", "range_end", "where", "point", "now", "relative_pronouns")


@lru_cache(maxsize=1)
def load_words(path: str = str(WORDS_PATH)) -> dict[str, _Words]:
    """The word lists per language, checked: every key there, every entry a lowercase word."""
    with open(path, "rb") as handle:
        raw = tomllib.load(handle)
    out = {}
    for lang, table in raw.items():
        missing = [k for k in (*_KEYS, "aliases") if k not in table]
        if missing:
            raise ValueError(f"{path}: [{lang}] lacks {', '.join(missing)}")
        for key in _KEYS:
            bad = [w for w in table[key] if not isinstance(w, str) or w != w.lower() or not _WORD.fullmatch(w)]
            if bad:
                raise ValueError(f"{path}: [{lang}] {key} holds {bad[:3]} (lowercase single words only)")
        out[lang] = _Words(**{k.replace("from", "from_"): frozenset(table[k]) for k in _KEYS},
                           aliases=tuple(sorted(table["aliases"].items(), key=lambda kv: -len(kv[0]))),
                           triggers=frozenset(table["months"]) | frozenset(table["relative"]))
    return out


def _words(language: str) -> _Words | None:
    return load_words().get((language or "").lower()[:2])


def may_hold_time(sentence: str, language: str) -> bool:
    """The cheap prefilter: a digit, or a month or relative word of the language."""
    words = _words(language)
    if words is None or not sentence:
        return False
    if _DIGIT.search(sentence):
        return True
    return not words.triggers.isdisjoint(_WORD.findall(sentence.lower()))


@lru_cache(maxsize=16)
def _parser(language: str, base: date | None, prefer: str = "past") -> DateDataParser:
    from dateparser.date import DateDataParser  # lazy: the dashboard imports ``describe`` only

    settings = {"PREFER_DATES_FROM": prefer, "PREFER_DAY_OF_MONTH": "first",
                "RETURN_TIME_AS_PERIOD": False, "STRICT_PARSING": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=[language], settings=settings)


def _period(day: date, precision: str) -> tuple[date, date]:
    """The first and last day of the year, month or day that ``day`` stands for."""
    if precision == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if precision == "month":
        nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return date(day.year, day.month, 1), nxt - timedelta(days=1)
    return day, day


@dataclass(frozen=True, slots=True)
class _Expr:
    start: int  # character offsets in the sentence, markers excluded
    end: int
    first: date
    last: date
    precision: str
    marker: str  # since | from | until | and | point | "" (none)
    marker_start: int
    bare: bool  # a year or a month alone: a date only because of its marker


def _is_year(tok: str) -> bool:
    return len(tok) == 4 and tok.isdigit() and _MIN_YEAR <= int(tok) <= 2099


def _parse(text: str, words: _Words, language: str, base: date | None) -> tuple[date, str] | None:
    return _parse_lowered(text.lower(), words, language, base)


@lru_cache(maxsize=4096)
def _parse_lowered(lowered: str, words: _Words, language: str, base: date | None) -> tuple[date, str] | None:
    """dateparser's reading of one run (cached: the same runs recur across articles of a day)."""
    for old, new in words.aliases:
        lowered = re.sub(rf"\b{re.escape(old)}\b", new, lowered)
    data = _parser(language, base).get_date_data(lowered)
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    precision = {"week": "day", "time": "day"}.get(data.period or "day", data.period or "day")
    if precision not in PRECISIONS or found.year < _MIN_YEAR:
        return None  # dateparser's "2017 года" = year 7: let a shorter run try
    if base is not None and found > base + timedelta(days=366):
        return None
    return found, precision


def _marker(tokens: list[tuple[int, int, str]], i: int, words: _Words) -> tuple[str, int]:
    """What the word(s) before token ``i`` make of an expression starting there, and where.

    "jusqu'en juin": the word before is a point word ("en") but the one before that an until
    word, which wins. Only the two words before are read.
    """
    kind, at = "", -1
    for back in (1, 2):
        j = i - back
        if j < 0:
            break
        tok = tokens[j][2]
        if tok in words.since or tok in words.until or tok in words.from_ or tok in words.range_end:
            kind = ("since" if tok in words.since else "until" if tok in words.until
                    else "from" if tok in words.from_ else "and")
            return kind, tokens[j][0]
        if back == 1 and tok in words.point:
            kind, at = "point", tokens[j][0]
        elif back == 1:
            return "", -1
    return kind, at


def _expressions(sentence: str, language: str, base: date | None) -> list[_Expr]:
    """Every time expression of the sentence that passes the filters, left to right."""
    words = _words(language)
    if words is None:
        return []
    tokens = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(sentence)]
    member = words.months | words.relative | words.units | words.inner
    out: list[_Expr] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i][2]
        if not (_is_year(tok) or tok in words.triggers):
            i += 1
            continue
        # the run: the trigger and its neighbours that may belong to a date expression
        lo = i
        while lo > 0 and i - lo < _LOOKBACK and (tokens[lo - 1][2] in member or tokens[lo - 1][2].isdigit()):
            lo -= 1
        hi = i
        while (hi + 1 < len(tokens) and hi - i < _LOOKAHEAD
               and (tokens[hi + 1][2] in member or tokens[hi + 1][2].isdigit() or _is_year(tokens[hi + 1][2]))):
            hi += 1
        found = None
        # longest run first, then shorter ones that still hold the trigger
        for width in range(hi - lo, -1, -1):
            for a in range(lo, hi - width + 1):
                b = a + width
                if not a <= i <= b:
                    continue
                toks = [t[2] for t in tokens[a:b + 1]]
                tail = toks[-1]
                if not (_is_year(tail) or tail in words.months or tail in words.units or tail in words.relative
                        or tail.isdigit()):
                    continue  # an expression ends on its year, month, unit or relative word, not "le", "of"
                has_year = any(_is_year(t) for t in toks)
                has_month = any(t in words.months for t in toks)
                relative = any(t in words.relative for t in toks) and any(
                    t in words.units or t in words.months for t in toks)
                if not (has_year or has_month or relative):
                    continue
                if base is None and not has_year:
                    continue  # "last year", "in June": nothing to resolve them against
                parsed = _parse(sentence[tokens[a][0]:tokens[b][1]], words, language, base)
                if parsed is None:
                    continue
                kind, at = _marker(tokens, a, words)
                if not relative and not (has_year and has_month) and not kind:
                    continue  # a bare year or month: only after a time word
                if has_month and not has_year and not relative and language == "en" \
                        and not sentence[tokens[a][0]:tokens[b][1]][:1].isupper():
                    continue  # "may" the verb
                found = (a, b, parsed, kind, at, not relative and not (has_year and has_month))
                break
            if found:
                break
        if found is None:
            i += 1
            continue
        a, b, (day, precision), kind, at, bare = found
        first, last = _period(day, precision)
        out.append(_Expr(tokens[a][0], tokens[b][1], first, last, precision, kind,
                         at if at >= 0 else tokens[a][0], bare))
        i = b + 1
    return out


def background_spans(sentence: str, language: str) -> list[tuple[int, int]]:
    """Non-restrictive relative clauses: from ", which"/", qui"/", который" to the next comma,
    semicolon, dash or bracket, or the sentence's end; those holding a "now" word are left out."""
    words = _words(language)
    if words is None:
        return []
    lowered = sentence.lower()
    if not any(p in lowered for p in words.relative_pronouns):
        return []  # the common case, without cutting the sentence into words
    spans = []
    for m in _WORD.finditer(sentence):
        if m.group().lower() not in words.relative_pronouns:
            continue
        before = sentence[:m.start()].rstrip()
        if not before.endswith((",", "—", "–", "(")):
            continue
        end = len(sentence)
        for stop in (",", ";", "—", "–", ")"):
            k = sentence.find(stop, m.end())
            if k != -1:
                end = min(end, k)
        clause = sentence[m.start():end]
        if not words.now.isdisjoint(_WORD.findall(clause.lower())):
            continue
        spans.append((m.start(), end))
    return spans


_MARKS = ",;:()—–"


def _part(sentence: str, pos: int, words: _Words) -> tuple[int, int]:
    """The stretch of the sentence between clause marks around ``pos``, followed on by one part
    that opens with a "where" word (", where its fighters have ... since 2018")."""
    lo = max(sentence.rfind(ch, 0, pos) for ch in _MARKS) + 1
    ends = [k for k in (sentence.find(ch, pos) for ch in _MARKS) if k != -1]
    hi = min(ends) if ends else len(sentence)
    nxt = _WORD.search(sentence, hi)
    if ends and nxt is not None and nxt.group().lower() in words.where \
            and not sentence[hi + 1:nxt.start()].strip(_MARKS + " "):
        more = [k for k in (sentence.find(ch, nxt.end()) for ch in _MARKS) if k != -1]
        hi = min(more) if more else len(sentence)
    return lo, hi


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def time_of(sentence: str, language: str, published: date | None, place_at: int | None = None) -> TimeRef:
    """The time the sentence gives the claim whose place starts at ``place_at`` (a character
    offset in ``sentence``; None when unknown: the main clause is read).

    Only expressions in the claim's own part of the sentence count: inside the relative clause
    that holds the place, or outside every such clause for a claim of the main clause.
    """
    words = _words(language)
    if words is None:
        return NO_TIME
    clauses = background_spans(sentence, language)
    background = place_at is not None and _inside(place_at, clauses)
    own = next(((a, b) for a, b in clauses if a <= (place_at or -1) < b), None) if background else None
    if not may_hold_time(sentence, language):
        return TimeRef(background=background)
    exprs = [e for e in _expressions(sentence, language, published)
             if (own is not None and own[0] <= e.start < own[1]) or (own is None and not _inside(e.start, clauses))]
    if place_at is not None and own is None:
        # a long sentence tells of several things: a claim of the main clause takes the times of
        # its own part (between clause marks, with a "where" part after it), else one that opens the
        # sentence ("In 2019, ...") up to a semicolon
        lo, hi = _part(sentence, place_at, words)
        mine = [e for e in exprs if lo <= e.start < hi]
        exprs = mine or [e for e in exprs if not sentence[:e.marker_start].strip()
                         and ";" not in sentence[e.end:place_at]]
    # "and" ends a range only after a "from" ("between 2015 and 2017"); else it is a point
    exprs = [replace(e, marker="until" if any(x.marker == "from" and x.start < e.start for x in exprs)
                     else "point") if e.marker == "and" else e for e in exprs]
    # "from" opens a range only with an end after it; else a bare year after it is no date
    # ("les putschistes de 2020") and a fuller one a point
    exprs = [e if e.marker != "from" or any(x.marker == "until" and x.start > e.start for x in exprs)
             else replace(e, marker="point") for e in exprs
             if not (e.marker == "from" and e.bare and not any(x.marker == "until" and x.start > e.start for x in exprs))]
    if not exprs:
        return TimeRef(background=background)
    start = next((e for e in exprs if e.marker in ("since", "from")), None)
    end = next((e for e in exprs if e.marker == "until" and (start is None or e.start > start.start)), None)
    if start is not None:
        used = [start] + ([end] if end else [])
        ref = TimeRef(start.first, start.precision, end.last if end else None, background)
    elif end is not None:
        used = [end]
        ref = TimeRef(None, end.precision, end.last, background)
    else:
        point = exprs[0]
        used = [point]
        scope = sentence[own[0]:own[1]] if own else sentence
        still = not words.now.isdisjoint(_WORD.findall(scope.lower()))
        ref = TimeRef(point.first, point.precision, None if still else point.last, background)
    lo = min(e.marker_start for e in used)
    hi = max(e.end for e in used)
    return TimeRef(ref.as_of, ref.precision, ref.until, ref.background, sentence[lo:hi])


def confirms_on_article_date(ref: TimeRef, published: date | None) -> bool:
    """Whether a claim with ``ref`` confirms its actor's presence on the article's date: not
    background, and its time (if any) still runs then ("since 2021" does; "in 2019" does not)."""
    if ref.background:
        return False
    return ref.until is None or published is None or ref.until >= published


def _shown(day: date, precision: str | None) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def describe(as_of: date | None, precision: str | None, until: date | None, background: bool = False) -> str:
    """A claim's own time in a few words for the evidence list and reader ("as of 2019", "since
    2021", "2018 to 2020", "until 2023-06", "background"); "" when the text gave none.

    Plain text: the page escapes it like every stored value (components/text.py)."""
    words = []
    if as_of is not None:
        if until is None:
            words.append(f"since {_shown(as_of, precision)}")
        elif precision in PRECISIONS and _period(as_of, precision) == (as_of, until):
            words.append(f"as of {_shown(as_of, precision)}")
        else:
            words.append(f"{_shown(as_of, precision)} to {_shown(until, precision)}")
    elif until is not None:
        words.append(f"until {_shown(until, precision)}")
    if background:
        words.insert(0, "background")
    return ", ".join(words)


def _stored_day(value: Any) -> date | None:
    """A stored date cell (date, Timestamp, NaT, NaN or None) as a date or None."""
    if value is None or value != value:  # NaN, NaT
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def label_of(row: Any) -> str:
    """``describe`` of a stored claim row (a dict or a pandas row; columns may be missing or NULL
    in a store written before they existed)."""
    get = row.get
    precision = get("as_of_precision")
    background = get("background")
    return describe(_stored_day(get("as_of")), precision if isinstance(precision, str) else None,
                    _stored_day(get("until")), background is True or (background is not None
                                                                   and background == background and bool(background)))
