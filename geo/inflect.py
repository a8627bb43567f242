"""Inflected forms of place names and adjectives, generated once at build time.

Russian declines nouns and adjectives (в Мали, из Сирии, в Белоруссию, малийской армии)
and French adjectives agree (malien, malienne, maliens, maliennes). Listing the forms up
front keeps the matcher a plain exact-match automaton: fast, and no stemmer guessing at
run time where a stem would also match unrelated words.
"""

from __future__ import annotations

import itertools

_CYR = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
_INDECLINABLE_END = tuple("оеиуюэы")

_ADJ_HARD = ("ий", "ая", "ое", "ие", "ого", "ой", "ому", "им", "ом", "ую", "их", "ими", "ою")
_ADJ_STRESSED = ("ый", "ая", "ое", "ые", "ого", "ой", "ому", "ым", "ом", "ую", "ых", "ыми", "ою")


def is_cyrillic(word: str) -> bool:
    return any(ch in _CYR for ch in word.lower())


def russian_adjective_forms(adj: str) -> list[str]:
    """All case/gender/number forms of a Russian adjective in -ий/-ый/-ой/-ая."""
    low = adj.lower()
    for ending, table in (("ский", _ADJ_HARD), ("ий", _ADJ_HARD), ("ый", _ADJ_STRESSED), ("ая", _ADJ_HARD)):
        if low.endswith(ending):
            stem = adj[: len(adj) - 2]
            if ending == "ая" and stem.lower()[-1:] in ("н", "ь"):
                table = _ADJ_STRESSED
            return sorted({stem + e for e in table})
    if low.endswith("ой"):
        stem = adj[:-2]
        return sorted({stem + e for e in _ADJ_STRESSED} | {adj})
    return [adj]


def russian_noun_forms(noun: str) -> list[str]:
    """Singular case forms of a Russian place noun (Сирия, Украина, Судан, Израиль, Парагвай)."""
    low = noun.lower()
    if not is_cyrillic(noun) or len(noun) < 3:
        return [noun]
    if low.endswith("ия"):
        stem = noun[:-2]
        return [stem + e for e in ("ия", "ии", "ию", "ией", "иею")]
    if low.endswith("а"):
        stem = noun[:-1]
        soft = stem.lower()[-1:] in "гкхжшчщ"
        forms = [stem + e for e in ("а", "и" if soft else "ы", "е", "у", "ой", "ою")]
        if stem.lower()[-1:] in "жшчщц":
            forms += [stem + "ей", stem + "ею"]  # unstressed after a sibilant: Польшей
        return forms
    if low.endswith("я"):
        stem = noun[:-1]
        return [stem + e for e in ("я", "и", "е", "ю", "ей")]
    if low.endswith("ь"):
        stem = noun[:-1]
        return [noun] + [stem + e for e in ("я", "ю", "е", "ем", "ью", "и")]
    if low.endswith("й"):
        stem = noun[:-1]
        return [noun] + [stem + e for e in ("я", "ю", "е", "ем")]
    if low.endswith(_INDECLINABLE_END):
        return [noun]
    if low[-1] in _CYR:
        forms = [noun] + [noun + e for e in ("а", "у", "е", "ом")]
        if low.endswith("ет") and len(low) > 5:  # Египет -> Египта (fleeting vowel)
            stem = noun[:-2] + noun[-1]
            forms += [stem + e for e in ("а", "у", "е", "ом")]
        return forms
    return [noun]


def russian_phrase_forms(phrase: str) -> list[str]:
    """Forms of a multi-word Russian name: each word declined, words combined.

    Over-generates (mixed cases) on purpose: a false combination never occurs in real
    text, so it costs nothing but a key in the automaton.
    """
    if not is_cyrillic(phrase):
        return [phrase]
    if "-" in phrase and " " not in phrase:
        # Буркина-Фасо, Кот-д'Ивуар, Ростов-на-Дону: hyphenated names do not decline inside.
        return [phrase]
    words = phrase.split(" ")
    options = []
    for w in words:
        lw = w.lower()
        if lw.endswith(("ая", "ий", "ый", "ой", "ое")) and len(words) > 1 and w is not words[-1]:
            options.append(russian_adjective_forms(w))
        elif w.isupper() and len(w) <= 5:
            options.append([w])  # abbreviations (ЦАР, ДРК) do not decline in writing
        else:
            options.append(russian_noun_forms(w))
    combos = {" ".join(c) for c in itertools.product(*options)}
    return sorted(combos)


def french_adjective_forms(masc: str) -> list[str]:
    """Masculine/feminine, singular/plural of a French demonym adjective."""
    m = masc
    if m.endswith("e"):
        fem = m
    elif m.endswith(("ien", "éen", "on")):
        fem = m + "ne"
    elif m.endswith("c") and m == "turc":
        fem = "turque"
    else:
        fem = m + "e"
    masc_pl = m if m.endswith(("s", "x", "z")) else m + "s"
    fem_pl = fem + "s"
    return sorted({m, fem, masc_pl, fem_pl})
