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
from functools import lru_cache

import numpy as np

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
_FEATURE_AFTER_STEMS = tuple(FEATURE_AFTER)
_FEATURE_BEFORE_KEYS = tuple(f" {w} " for w in FEATURE_BEFORE)
# The last letters of those words: the character before a place must be one of them (or a space)
# for the word before it to be one, a test that spares the slice for nearly every place.
_FEATURE_LAST_OR_SPACE = " " + "".join(sorted({w[-1] for w in FEATURE_BEFORE}))
US_STATE_MARKERS = ("u.s. state of", "us state of", "state of")
CONGO_FORMS = {"congo", "конго"}
_PUNCT_NEXT = re.compile(r"\s*[,;:.]")
_US_PLACE_BEFORE = re.compile(r"\b[A-Z][a-z]+,\s*$")
_US_AFTER = re.compile(r",?\s*(u\.s\.|usa|united states)")


# Every ASCII character that is not a letter or digit (space included: it maps to itself).
_ASCII_NON_WORD = {i: " " for i in range(128) if not chr(i).isalnum()}
_NON_WORD = re.compile(r"[\W_]")


@lru_cache(maxsize=1)
def _bmp_table() -> np.ndarray:
    """Every BMP code point to its boundary-form code point: lowercase, or a space when not a
    word character (~30 ms, once per process, on the first non-ASCII text)."""
    table = np.empty(0x10000, dtype=np.uint16)
    for i in range(0x10000):
        c = chr(i)
        low = c.lower()
        if len(low) == 1:
            c = low
        table[i] = ord(c) if c.isalnum() else 32
    return table


@lru_cache(maxsize=8)
def boundary_form(text: str) -> str:
    """Lowercase, every non-word character a space, same length as ``text``.

    Gazetteer keys get the same treatment plus a space on each side, so the automaton only
    ever reports whole-word matches: "Mali" inside "Somalia" or "tal" inside "capital" never
    reach the Python rules, which keeps extraction several times faster than a plain scan.
    ASCII text goes through ``str.translate``; other text of the Basic Multilingual Plane
    through one table lookup per UTF-16 unit (numpy), four times faster on French and Russian
    than lowercasing and a ``re.sub``. Cached for the few texts in hand: presence runs its own
    automaton over the same article's form.
    """
    if text.isascii():
        return text.lower().translate(_ASCII_NON_WORD)
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) == 2 * len(text) and "\u03a3" not in text:  # no astral characters; no capital
        # sigma, whose lowercase depends on its neighbours ("ς" at the end of a word)
        table = _bmp_table()
        return table[np.frombuffer(units, dtype=np.uint16)].tobytes().decode("utf-16-le", "surrogatepass")
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
    # a form that starts in lowercase but has capitals later ("the States", "al-Jufra") needs them
    # as written: "the states where ..." is no country
    return all(not f.isupper() or s.isupper() for f, s in zip(entry.form[1:], surface[1:], strict=False))


_WORD_AFTER = re.compile(r"[ \t)\]\"'»”]*([\w'’.-]+)")
def _word_after(text: str, end: int) -> str:
    if end >= len(text) or text[end] in ",.;:!?\n":
        return ""
    m = _WORD_AFTER.match(text, end, end + 40)
    return m.group(1) if m else ""


class _Hit:
    """What the rules need to know about one (surface, form, language), computed once.

    Surfaces repeat endlessly across a corpus ("Mali", "Russian"); deciding their case rules,
    their ambiguity and their default place once per process leaves only the rules that look
    at the neighbouring words to run per occurrence.
    """

    __slots__ = ("entries", "place", "block", "city", "town", "person", "georgia", "congo", "country_like", "single",
                 "fixed")

    def __init__(self, entries: list[Entry], surface: str) -> None:
        low = surface.lower()
        first = entries[0].place
        self.entries = entries
        self.place = first
        self.block = first.kind == "block"
        self.city = first.kind == "city"
        self.town = first.kind in ("city", "capital")
        self.person = low in PERSON_NAMES
        self.georgia = low == "georgia"
        self.congo = low in CONGO_FORMS
        self.country_like = first.kind in ("country", "demonym", "region")
        self.single = len({e.place.iso3 for e in entries}) == 1
        # the place whatever else the article names (what _resolve answers first), else None
        self.fixed = None if self.congo or not (self.country_like or self.single or first.curated) else first


def _candidates(gaz: Gazetteer, text: str, lang: str | None, padded: str) -> list[tuple[int, int, _Hit]]:
    """Whole-word gazetteer hits that pass the case rules; ``padded`` is " " + boundary form + " "."""
    out = []
    memo = _HIT_MEMO.get(lang)
    if memo is None:
        memo = _HIT_MEMO[lang] = {}
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
        known = memo.get(surface)
        if known is not None and known[0] == key:
            hit = known[1]
        else:
            entries = [e for e in gaz.get(key) if _case_ok(e, surface)
                       and (e.case != "any" or not lang or e.lang == lang)]
            hit = _Hit(entries, surface) if entries else False
            if len(memo) > 200_000:
                memo.clear()
            memo[surface] = (key, hit)
        if hit:
            out.append((start, end, hit))
    return out


# language -> surface -> (form, its _Hit or False when no entry survives the case rules). Keyed by
# the surface alone, the form checked on a hit: a surface nearly always has one form, and this
# spares building and hashing a tuple key for every place in every text.
_HIT_MEMO: dict[str | None, dict[str, tuple[str, _Hit | bool]]] = {}


def _longest(cands: list[tuple[int, int, _Hit]], size: int) -> list[tuple[int, int, _Hit]]:
    """Longest match wins; ties go to the earlier one.

    The automaton reports hits by end position, and nearly all overlaps are nestings ("Burkina"
    inside "Burkina Faso", "Sudan" inside "South Sudan"): one pass with a stack keeps the
    outermost. Only a partial overlap ("Guinea-Bissau Bissau"-like chains) takes the general
    path: longest first, occupancy a byte per character.
    """
    out: list[tuple[int, int, _Hit]] = []
    for c in cands:
        a, b = c[0], c[1]
        if out and out[-1][0] <= a and b <= out[-1][1]:
            continue  # inside the previous hit (or the same span): the previous one is longer
        while out and a <= out[-1][0]:
            out.pop()  # ends later and starts no later: contains the previous hit
        if out and a < out[-1][1]:
            break  # a partial overlap
        out.append(c)
    else:
        return out
    cands.sort(key=lambda c: (c[0] - c[1], c[0]))
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


_ARTICLE_AFTER = re.compile(r" (?:al|el|ad|as|ar|ash|at|an|az|аль|эль)-\w", re.IGNORECASE)
# A place right after these is a news agency's name (SANA, Xinhua's cities are not at issue).
_AGENCY_STEMS = ("agency", "agence", "агентств")
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:al|el|ad|as|ar|ash|at|an|az|аль|эль|ад|ас|ар|аш|ат|ан|аз)-$", re.IGNORECASE)


def _rejected(text: str, padded: str, start: int, end: int, hit: _Hit, features: bool | None = True) -> bool:
    """Context rules: people, outlets, geographic features, the US state of Georgia.

    Ordered so the common case (a place followed by punctuation or a lowercase word) costs
    one regex match and a few slices. The word before comes from the boundary form
    (``padded``, already lowercase and split on punctuation): an alternation regex over the
    preceding characters cost more than the rest of the rules together. ``features`` False
    says the text holds no FEATURE_BEFORE word at all, so that rule is skipped; None that it is
    not known yet: it is then looked up only for a place that follows such a word (most texts
    have none before any place, and the text-wide scan was 6 % of extraction).
    """
    nxt = text[end:end + 1]
    if hit.town and nxt == ")" and text[start - 1:start] == "(" and text[start:end].isupper():
        return True  # "Bataillon d'intervention rapide (BIR)": an acronym being defined, not Bir
    if hit.city and _ARTICLE_AFTER.match(text, end, end + 6):
        return True  # "Wadi al-Rabie", "Bir el-Abd": the head of a longer Arabic name
    if hit.town:
        head = padded[max(0, start - 30):start + 1]
        # the substring test first: a word can start with a stem only if the stem occurs at all
        if ("agen" in head or "агентств" in head) and any(
                w.startswith(_AGENCY_STEMS) for w in head.split()[-2:]):
            return True  # "the agency SANA", "l'agence officielle Sana": a news agency's name
    if hit.city and nxt == "-" and text[end + 1:end + 2].isalpha():
        return True  # "Yunus-bek": a name part, not the town
    if hit.city and text[start - 1:start] == "-" and _ARTICLE_BEFORE.search(text, max(0, start - 6), start):
        return True  # "Аль-Хадим", "al-Khadim": the rest of an Arabic name, not the Turkish town
    if nxt == " " and text[end + 1:end + 2].islower() and not text.startswith(_FEATURE_AFTER_STEMS, end + 1):
        after = ""  # a plain lowercase word follows: none of the rules on the word after can apply
    else:
        after = _word_after(text, end) if nxt else ""
    if after:
        lafter = after.lower()
        if lafter in FEATURE_AFTER:
            return True  # "the Niger river", "inner Niger delta"
        if after[0].isupper():
            if lafter in NEWS_WORDS:
                return True  # "Kyiv Independent", "Libya Observer"
            if hit.town and lafter not in _PLACE_FOLLOWERS and lafter not in _CITY_FOLLOWERS \
                    and not _PUNCT_NEXT.match(text, end, end + 2) and nxt in " )\u00a0":
                return True  # "Vladimir Putin", "(Vladimir) Putin", "Florence Parly": a given name
            if hit.person and lafter not in _PLACE_FOLLOWERS and not text[end:end + 2].startswith(("'", "’", ",")):
                return True  # "Chad Whitfield", "Jordan Mercer"
    if features is not False and padded[start - 1] in _FEATURE_LAST_OR_SPACE \
            and padded[max(0, start - 40):start + 1].rstrip().rpartition(" ")[2] in FEATURE_BEFORE \
            and (features or _has_feature_word(padded)):
        return True  # "Lake Chad", "река Нигер"
    if hit.georgia:
        head = text[max(0, start - 20):start].lower()
        if _US_PLACE_BEFORE.search(text[max(0, start - 30):start]) or any(head.endswith(m + " ") for m in US_STATE_MARKERS):
            return True
        if _US_AFTER.match(text[end:end + 20].lower()):
            return True
    return False


def _has_feature_word(padded: str) -> bool:
    """Whether the boundary form holds a FEATURE_BEFORE word anywhere (the rule's original gate,
    kept so a 40-character window cut inside a longer word never rejects more than before)."""
    return any(w in padded for w in _FEATURE_BEFORE_KEYS)


# A given name inside a sentence ("President Alpha Conde", "le général Amadou Gao"): the
# capitalised word before a small town, itself after another word of the same sentence.
_NAME_BEFORE = re.compile(r"(?<=[\w,)] )([A-Z][a-z]+|[А-ЯЁ][а-яё]+) $")
_NOT_GIVEN_NAMES = {
    "in", "at", "near", "from", "to", "of", "the", "and", "outside", "around", "into", "toward", "towards", "via",
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "upper", "lower",
    "greater", "old", "new", "port", "fort", "saint", "st", "mount", "cape", "lake", "province", "region", "city",
    "à", "au", "aux", "dans", "près", "vers", "de", "du", "des", "le", "la", "les", "en", "et",
    "в", "во", "на", "из", "под", "около", "у", "к", "с", "и",
}


# A title before a name: "Defence Secretary Lloyd Austin", "Interior minister Mala", "le ministre
# Abdoulaye Diop". A town after one, with at most two capitalised words between, is a surname
# whatever the town's size (Austin has a million people; Lloyd Austin is news far more often).
_TITLES = frozenset({
    "minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "president", "general", "gen.",
    "colonel", "col.", "commander", "analyst", "researcher", "professor", "prof.", "dr", "dr.", "mr", "mr.",
    "mrs", "mrs.", "ms", "ms.", "senator", "ambassador", "envoy", "journalist", "reporter", "photographer",
    "ministre", "président", "général", "porte-parole", "chercheur", "analyste", "journaliste",
    "министр", "президент", "генерал", "полковник", "аналитик", "эксперт", "посол", "журналист", "представитель",
})


def _titled_person(text: str, start: int, hit: _Hit) -> bool:
    """Whether a town is the surname of someone named with a title before it: the title, then at
    most two capitalised words, then the town. Read off the last few words (split, not a regex
    scan: this runs for every city a text names)."""
    if not hit.city or hit.country_like or not text[start - 1:start].isspace():
        return False
    words = text[max(0, start - 60):start].split()[-3:]
    for k in range(len(words) - 1, -1, -1):
        if words[k].lower() in _TITLES:
            return all(w[:1].isupper() for w in words[k + 1:])
        if not words[k][:1].isupper():
            return False
    return False


def _given_name_before(text: str, start: int, hit: _Hit, gaz: Gazetteer) -> bool:
    """Whether a small town is a surname: "Alpha Conde" is Guinea's president, not Conde in
    Brazil. Only towns under 100,000 people: a city that size is named as a place far more
    often than a person is named after it."""
    if not hit.city or hit.place.population >= 100_000 or start < 4:
        return False
    m = _NAME_BEFORE.search(text, max(0, start - 24), start)
    if m is None:
        return False
    word = m.group(1).lower()
    # "Georgia Mendes": a given name that is also a place is still a given name before a town
    return word in PERSON_NAMES or (word not in _NOT_GIVEN_NAMES and not gaz.get(word))


def _name_chain_before(text: str, start: int, hit: _Hit, gaz: Gazetteer) -> bool:
    """Whether a town of any size ends a multi-part name: two capitalised words before it, neither
    a place nor a function word ("Teodoro Nguema Obiang Mangue" is a vice-president, not Mangue in
    Colombia). One word before is enough only for small towns (``_given_name_before``)."""
    if not hit.city or start < 6 or not text[start - 1:start] == " ":
        return False
    words = text[max(0, start - 50):start].split()[-2:]
    if len(words) < 2:
        return False
    for w in words:
        if not _NAME_WORD.fullmatch(w):
            return False
        low = w.lower()
        if low in _NOT_GIVEN_NAMES or low in _TITLES or (gaz.get(low) and low not in PERSON_NAMES):
            return False
    return True


_NAME_WORD = re.compile(r"[A-Z][a-z]+|[А-ЯЁ][а-яё]+")


def _resolve(hit: _Hit, countries_named: set[str]) -> Place:
    """Pick among places sharing a form: countries first, then a town curated for this news beat,
    then one the article names, then population."""
    if hit.country_like or hit.single or hit.place.curated:
        return hit.place
    for e in hit.entries:
        if e.place.iso3 in countries_named:
            return e.place
    return hit.place


def extract(text: str, language: str | None = None, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every place mention in ``text`` (spans index ``text`` as given)."""
    if not text:
        return []
    gaz = gazetteer or load_gazetteer()
    padded = " " + boundary_form(text) + " "
    chosen = []
    unambiguous = set()
    for c in _longest(_candidates(gaz, text, language, padded), len(text)):
        start, hit = c[0], c[2]
        if hit.block or _rejected(text, padded, start, c[1], hit, None):
            continue
        # the three surname rules only ever apply to towns: asked only for them
        if hit.city and (_given_name_before(text, start, hit, gaz) or _titled_person(text, start, hit)
                         or _name_chain_before(text, start, hit, gaz)):
            continue
        chosen.append(c)
        if hit.single or (hit.country_like and not hit.congo):
            unambiguous.add(hit.place.iso3)
    if not chosen:
        return []
    spans = sentence_spans(text) or [(0, len(text))]
    mentions: list[Mention] = []
    si, last = 0, len(spans) - 1
    s, e = spans[0]
    sentence = text[s:e]
    for start, end, hit in chosen:
        place = hit.fixed or (_congo(unambiguous, hit.entries) if hit.congo else _resolve(hit, unambiguous))
        if si < last and spans[si + 1][0] <= start:
            while si < last and spans[si + 1][0] <= start:
                si += 1
            s, e = spans[si]
            sentence = text[s:e]
        mentions.append(Mention(start, end, text[start:end], place.kind, place.iso3, place.lat, place.lon,
                                sentence, place.name))
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
