"""Country mentions in a text: spans, surface, kind, ISO3 and a point.

One Aho-Corasick pass finds every gazetteer form; the rules below decide which hits are
places. They are the ambiguities news text actually has:
- longest match wins (South Sudan over Sudan, Equatorial Guinea over Guinea), and an
  organisation or outlet name (The Moscow Times, France 24) swallows the place inside it;
- case: proper names need their capital (turkey the bird, "since", "never"), abbreviations
  need all capitals (CAR, not car; US, not us);
- context: Chad and Jordan before a surname are people, Georgia after a US city is the US
  state, the Niger river and Lake Chad are geography, not countries;
- bare "Congo" takes whichever Congo the article names elsewhere (Kinshasa, Brazzaville).
"""

from __future__ import annotations

import re

from geo.gazetteer import Entry, Gazetteer, load_gazetteer
from geo.sentences import sentence_spans
from geo.types import Mention, Place

# Given names that are also country names: "Chad Whitfield", "Jordan Mercer".
PERSON_NAMES = {"chad", "jordan", "georgia", "israel", "kenya", "india", "china", "france", "florence", "victoria"}
# Words that may follow a place without making it a person or outlet ("Mali Army" still Mali).
_PLACE_FOLLOWERS = {
    "airport", "province", "region", "city", "state", "republic", "river", "government", "army", "president",
    "ministry", "embassy", "border", "junta", "forces", "national", "armed", "central", "north", "south",
    "east", "west", "and", "or", "on", "in", "at", "de", "du", "des", "et",
}
_CITY_FOLLOWERS = {"oblast", "governorate", "prefecture", "district", "county", "airbase", "base", "port", "international"}
NEWS_WORDS = {
    "times", "post", "independent", "herald", "tribune", "observer", "today", "daily", "gazette", "journal",
    "telegraph", "insider", "monitor", "mail", "express", "chronicle", "news", "online", "beyond", "matin",
}
FEATURE_BEFORE = {"lake", "river", "gulf", "lac", "fleuve", "golfe", "река", "реки", "реке", "озеро", "озера"}
FEATURE_AFTER = {"river", "delta", "basin", "valley", "lake", "gulf", "bend"}
US_STATE_MARKERS = ("u.s. state of", "us state of", "state of")
CONGO_FORMS = {"congo", "конго"}
_PUNCT_NEXT = re.compile(r"\s*[,;:.]")
_US_PLACE_BEFORE = re.compile(r"\b[A-Z][a-z]+,\s*$")
_US_AFTER = re.compile(r",?\s*(u\.s\.|usa|united states)")


_NON_WORD = re.compile(r"[\W_]")


def boundary_form(text: str) -> str:
    """Lowercase, every non-word character a space, same length as ``text``.

    Gazetteer keys get the same treatment plus a space on each side, so the automaton only
    ever reports whole-word matches: "Mali" inside "Somalia" or "tal" inside "capital" never
    reach the Python rules, which keeps extraction several times faster than a plain scan.
    """
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _NON_WORD.sub(" ", low)


def _case_ok(entry: Entry, surface: str) -> bool:
    if entry.case == "exact":
        return surface == entry.form
    if entry.case == "title":
        if surface.isupper() and len(surface) > 3 and not entry.form.isupper():
            # datelines and shouted headlines ("BAMAKO (Reuters)"): places, not small towns
            return entry.place.kind != "city" or entry.place.population >= 100_000
        return surface[:1].isupper()
    return True


_TOKEN_STRIP = "\"'’“”«»()[],;:!?"
_WORD_AFTER = re.compile(r"[ \t)\]\"'»”]*([\w'’.-]+)")


def _word_before(text: str, start: int) -> str:
    parts = text[max(0, start - 40):start].split()
    return parts[-1].strip(_TOKEN_STRIP) if parts else ""


def _word_after(text: str, end: int) -> str:
    if end >= len(text) or text[end] in ",.;:!?\n":
        return ""
    m = _WORD_AFTER.match(text, end, end + 40)
    return m.group(1) if m else ""


def _candidates(gaz: Gazetteer, text: str, lang: str | None) -> list[tuple[int, int, list[Entry]]]:
    padded = " " + boundary_form(text) + " "
    out = []
    for end_idx, key in gaz.automaton.iter(padded):
        # the automaton matched " key " ending at padded[end_idx]; padded[i] is text[i - 1]
        start = end_idx - len(key) - 1
        end = end_idx - 1
        if start > 1 and text[start - 1] in "-'’" and text[start - 2].isalpha():
            # "pro-Russian" counts; inside a name ("Guinea-Bissau") the longer form wins anyway;
            # an apostrophe counts only as a French elision ("d'Agadez", "l'Ukraine").
            if text[start - 1] != "-" and not (text[start - 2] in "dDlLnNsScCjJ" and (
                    start < 3 or not text[start - 3].isalpha() or text[start - 3:start - 1].lower() == "qu")):
                continue
        surface = text[start:end]
        memo_key = (surface, key, lang)
        entries = _ENTRY_MEMO.get(memo_key)
        if entries is None:
            entries = [e for e in gaz.get(key) if _case_ok(e, surface)
                       and (e.case != "any" or not lang or e.lang == lang)]
            if len(_ENTRY_MEMO) > 200_000:
                _ENTRY_MEMO.clear()
            _ENTRY_MEMO[memo_key] = entries
        if entries:
            out.append((start, end, entries))
    return out


# (surface, form, language) -> entries that survive the case rules; surfaces repeat endlessly
# across a corpus ("Mali", "Russian"), so each is judged once per process.
_ENTRY_MEMO: dict[tuple[str, str, str | None], list[Entry]] = {}


def _longest(cands: list[tuple[int, int, list[Entry]]], size: int) -> list[tuple[int, int, list[Entry]]]:
    """Longest match wins; ties go to the earlier one. Occupancy is a byte per character."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken = bytearray(size)
    chosen = []
    for c in cands:
        a, b = c[0], c[1]
        if taken.find(1, a, b) != -1:
            continue
        taken[a:b] = b"\x01" * (b - a)
        chosen.append(c)
    chosen.sort(key=lambda c: c[0])
    return chosen


def _rejected(text: str, start: int, end: int, entry: Entry) -> bool:
    """Context rules: people, outlets, geographic features, the US state of Georgia."""
    surface = text[start:end]
    low = surface.lower()
    after = _word_after(text, end)
    before = _word_before(text, start)
    if entry.place.kind == "city" and text[end:end + 1] == "-" and text[end + 1:end + 2].isalpha():
        return True  # "Yunus-bek": a name part, not the town
    if after.lower() in NEWS_WORDS and after[:1].isupper():
        return True  # "Kyiv Independent", "Libya Observer"
    if before.lower() in FEATURE_BEFORE or after.lower() in FEATURE_AFTER:
        return True  # "Lake Chad", "the Niger river", "inner Niger delta"
    if entry.place.kind in ("city", "capital") and after[:1].isupper() and after.lower() not in _PLACE_FOLLOWERS \
            and after.lower() not in _CITY_FOLLOWERS and not _PUNCT_NEXT.match(text, end, end + 2) \
            and text[end:end + 1] in " )\u00a0":
        return True  # "Vladimir Putin", "(Vladimir) Putin", "Florence Parly": a given name
    if low in PERSON_NAMES and after[:1].isupper() and after.lower() not in _PLACE_FOLLOWERS \
            and not text[end:end + 2].startswith(("'", "’", ",")):
        return True  # "Chad Whitfield", "Jordan Mercer"
    if low == "georgia":
        head = text[max(0, start - 20):start].lower()
        if _US_PLACE_BEFORE.search(text[max(0, start - 30):start]) or any(head.endswith(m + " ") for m in US_STATE_MARKERS):
            return True
        if _US_AFTER.match(text[end:end + 20].lower()):
            return True
    return False


def _resolve(entries: list[Entry], countries_named: set[str]) -> Place:
    """Pick among places sharing a form: countries first, then one the article names, then population."""
    best = entries[0]
    if best.place.kind in ("country", "demonym", "region"):
        return best.place
    for e in entries:
        if e.place.iso3 in countries_named:
            return e.place
    return best.place


def extract(text: str, language: str | None = None, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every place mention in ``text`` (spans index ``text`` as given)."""
    if not text:
        return []
    gaz = gazetteer or load_gazetteer()
    chosen = []
    for start, end, entries in _longest(_candidates(gaz, text, language), len(text)):
        if entries[0].place.kind == "block":
            continue
        if _rejected(text, start, end, entries[0]):
            continue
        chosen.append((start, end, entries))
    unambiguous = {c[2][0].place.iso3 for c in chosen
                   if len({e.place.iso3 for e in c[2]}) == 1
                   or (c[2][0].place.kind in ("country", "demonym", "region") and text[c[0]:c[1]].lower() not in CONGO_FORMS)}
    spans = sentence_spans(text) or [(0, len(text))]
    mentions: list[Mention] = []
    si = 0
    for start, end, entries in chosen:
        surface = text[start:end]
        if surface.lower() in CONGO_FORMS:
            place = _congo(unambiguous, entries)
        else:
            place = _resolve(entries, unambiguous)
        while si + 1 < len(spans) and spans[si + 1][0] <= start:
            si += 1
        s, e = spans[si]
        mentions.append(Mention(start, end, surface, place.kind, place.iso3, place.lat, place.lon, text[s:e], place.name))
    return mentions


def _congo(named: set[str], entries: list[Entry]) -> Place:
    cog = next((e.place for e in entries if e.place.iso3 == "COG"), None)
    cod = next((e.place for e in entries if e.place.iso3 == "COD"), None)
    if cog and "COG" in named and "COD" not in named:
        return cog
    return cod or cog or entries[0].place


def country_codes(text: str, language: str | None = None) -> set[str]:
    """The set of countries a text refers to (what the accuracy bench scores)."""
    return {m.iso3 for m in extract(text, language)}
