"""WordSet answers like the regex its word list defines: the per-string index, the word-mask
gate and the first-word gate of the phrase regex are speed-ups, never different answers."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from news.presence import cues
from news.wordmatch import WordSet

SETS = {name: ws for name, ws in vars(cues).items() if isinstance(ws, WordSet)}
# Words that hit the lists, words that start phrases, near-misses and glue, in three languages.
VOCAB = sorted({
    "deployed", "left", "out", "of", "pull", "pulled", "in", "fact", "not", "n't", "den", "denied", "will", "remain",
    "va", "vont", "là-bas", "the", "country", "both", "countries", "liée", "liées", "au", "à", "уход", "ушли", "ушёл",
    "вышли", "бои", "боев", "support", "supported", "by", "help", "helped", "train", "work", "working", "for", "sont",
    "en", "est", "Mali", "Wagner", "instructors", "said", "to", "according", "talks", "held", "visited", "could",
    "employed", "members", "mines", "Russian", "were", "is", "are", "в", "стране", "этой", "африканской", "страны",
    "pulling", "outward", "leftist", "DEPLOYED", "Left", "Out",
})
SEPARATORS = [" ", " ", " ", ", ", ". ", "-", "'", " — ", "\n"]


def reference_search(ws: WordSet, parts: list[re.Pattern], text: str, pos: int, end: int):
    """Leftmost match of any listed pattern as a whole word; the longest one at that start."""
    starts = [m.start() for p in parts if (m := p.search(text, pos, end))]
    if not starts:
        return None
    a = min(starts)
    b = max(m.end() for p in parts if (m := p.match(text, a, end)))
    return a, b


def _parts(ws: WordSet) -> list[re.Pattern]:
    """Each pattern as written in news.presence.cues, as a whole-word regex: not WordSet's own split
    into words, stems and phrases, so a wrong split fails here."""
    return [re.compile(r"(?<![\w])(?:" + p + r")(?![\w])", re.IGNORECASE) for p in ws.parts]


PARTS = {name: _parts(ws) for name, ws in SETS.items()}


@st.composite
def texts(draw):
    words = draw(st.lists(st.sampled_from(VOCAB), min_size=0, max_size=12))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
    text = "".join(w + s for w, s in zip(words, seps, strict=True))
    # the contract: a window starts and ends between words (as the callers' windows do)
    cuts = [i for i in range(len(text) + 1)
            if i in (0, len(text)) or not (text[i - 1].isalnum() and text[i].isalnum())]
    pos = draw(st.sampled_from(cuts))
    end = draw(st.sampled_from([c for c in cuts if c >= pos]))
    return text, pos, end


@settings(max_examples=400, deadline=None)
@given(texts(), st.sampled_from(sorted(SETS)))
def test_search_equals_the_word_list_regex(case, name):
    text, pos, end = case
    ws = SETS[name]
    got = ws.search(text, pos, end)
    want = reference_search(ws, PARTS[name], text, pos, end)
    assert (None if got is None else (got.start(), got.end())) == want
    whole = ws.search(text)
    assert ws.may_occur(text) or whole is None  # the gate never hides a match


@settings(max_examples=200, deadline=None)
@given(texts(), st.sampled_from(sorted(SETS)))
def test_finditer_matches_are_list_matches_in_order(case, name):
    text, pos, end = case
    ws = SETS[name]
    last = -1
    for m in ws.finditer(text, pos, end):
        assert m.start() >= last and pos <= m.start() < m.end() <= end
        assert any((r := p.match(text, m.start(), end)) and r.end() == m.end() for p in PARTS[name])
        last = m.end()
    assert (next(iter(ws.finditer(text, pos, end)), None) is None) == (ws.search(text, pos, end) is None)


def test_phrase_gate_knows_optional_and_inflected_first_words():
    # "liées? (?:au|à)": "liée au" must reach the phrase regex though "liée" is not "liées"
    assert cues.IDENTITY.search("des sociétés liée au groupe") is not None
    assert cues.ENDED.search("они ушли из Мали") is not None
    assert cues.ENDED.search("they pulled out of Syria").group(0) == "pulled out"
    assert cues.NEGATION.search("Moscow denied it") is not None
    assert cues.MODAL.search("they will leave") is not None and cues.MODAL.search("they will remain") is None


def test_cue_phrases_start_with_words_so_their_regex_runs_only_where_they_can_match():
    """A phrase that opens on a group ("(?:la )?fin de ...", "w(?:ound|inds?) down") is tried at
    every clause, or at every word starting with one letter: presence slowed by a fifth before
    this guard. Only TERRITORY_AFTER, asked with ``match`` on a few words, may open on a pattern."""
    from news import wordmatch

    for name in dir(cues):
        ws = getattr(cues, name)
        if not isinstance(ws, WordSet) or name == "TERRITORY_AFTER":
            continue
        assert not wordmatch._ALWAYS_REGEX & ws.bit, name
        assert all(len(lead) >= 2 for lead in (ws.residual_first[1] if ws.residual_first else ())), name
