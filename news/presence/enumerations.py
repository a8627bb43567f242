"""Lists of places: "in Mali, Niger and Burkina Faso" places the actor in all three.

A list's items share what its first item says: the locative position of "in" (``Locatives``),
the placing of an actor phrase ("instructors in Tajikistan and Kyrgyzstan"), and a relative
"where ..." after the list ("in the CAR and Sudan, where ...": ``list_ending_with``). Whether
two places are neighbours in a list is one test, ``follows_in_list``.
"""

from __future__ import annotations

import re

import news.presence.cues as cues
from geo.types import Mention
from news.presence.places import is_locative, is_speaker, names_an_organ


def follows_in_list(text: str, prev: Mention, m: Mention) -> bool:
    """Whether only a list's gap (",", "and", "et", "и", "or", "as well as", an article) stands
    between two places, or the two are a range's ends ("from Syria to Mozambique")."""
    return cues.LIST_GAP.match(text[prev.end:m.start]) is not None or in_range(text, prev, m)


def in_range(text: str, first: Mention, last: Mention) -> bool:
    """Whether two places are the ends of a range: "from Syria to Mozambique", "de la Syrie au
    Mozambique", "от Сирии до Мозамбика". Why: a range names where the actor is at both ends (the
    countries between are not named, so nothing is claimed for them), and its "from" is not a
    departure's; what a range says of one end it says of the other."""
    return (cues.RANGE_GAP.match(text, first.end, last.start) is not None
            and cues.RANGE_OPEN.search(text, max(0, first.start - 12), first.start) is not None)


def list_ending_with(text: str, places: list[Mention]) -> list[Mention]:
    """The last of ``places`` and those listed right before it, in order ("the Central African
    Republic and Sudan" for a "where" after both)."""
    group = [places[-1]]
    k = len(places) - 1
    while k > 0 and follows_in_list(text, places[k - 1], places[k]):
        group.insert(0, places[k - 1])
        k -= 1
    return group


def list_last_from(text: str, places: list[Mention], i: int, before: int) -> Mention:
    """The last item of the list ``places[i]`` opens (itself when it opens none), among places
    that end before ``before``: "Mali, Burkina Faso and Niger have invited ..." shares the verb
    after Niger with the items before it. ``list_ending_with`` walks the other way."""
    k = i
    while k + 1 < len(places) and places[k + 1].end <= before and follows_in_list(text, places[k], places[k + 1]):
        k += 1
    return places[k]


# words between two places with no coordination or punctuation ("au Mali inquiète Paris"): the
# second place is another verb's object, not the first one's fellow in a list ("in Syria and
# eastern Ukraine", "в соседней с Конго ЦАР" keep the first preposition)
_VERB_GAP = re.compile(r"(?=.*\w)(?:(?!\b(?:and|or|et|ou|и|или|а|as well as)\b)[^,;:()—–])+", re.IGNORECASE)


class Locatives:
    """Whether each place of a clause is in a locative position, decided when first asked.

    A place is locative by its own words ("in Mali") or as the next item of a list whose
    previous item is ("in Mali and Niger"). Asked lazily, because most places never need it:
    the actor's home ("Russian" in "Russian troops"), places left, and negated clauses.
    """

    __slots__ = ("text", "mentions", "c_start", "own", "known")

    def __init__(self, text: str, mentions: list[Mention], c_start: int) -> None:
        self.text, self.mentions, self.c_start = text, mentions, c_start
        self.own: dict[int, bool] = {}
        self.known: dict[int, bool] = {}

    def _own(self, i: int) -> bool:
        v = self.own.get(i)
        if v is None:
            v = self.own[i] = is_locative(self.text, self.mentions[i], self._governed_from(i))
        return v

    def _governed_from(self, i: int) -> int:
        """Where the words that may put place ``i`` in a locative position begin: after the place
        before it, when that one is close and the two are not a list ("La présence de Wagner au
        Mali inquiète Paris": "au" governs Mali, not Paris). A demonym before it does not count
        ("in the Malian town of Gao": the preposition is the town's)."""
        m = self.mentions[i]
        for j in range(i - 1, -1, -1):
            prev = self.mentions[j]
            if prev.kind == "demonym" or prev.end > m.start:
                continue
            gap = self.text[prev.end:m.start]
            if (prev.end > max(self.c_start, m.start - 60) and _VERB_GAP.fullmatch(gap) is not None
                    and self._own(j)):
                return prev.end
            break
        return self.c_start

    def __call__(self, i: int) -> bool:
        v = self.known.get(i)
        if v is None and i + 1 < len(self.mentions) and not self._own(i) and in_range(self.text, self.mentions[i], self.mentions[i + 1]):
            # "de la Libye à la Centrafrique": a range's start stands where its end does
            v = self.known[i] = self(i + 1)
        if v is None:
            # locative(i) = own(i) or (list gap before i and locative(i - 1)), walked back
            j = i
            while True:
                if self._own(j):
                    v = True
                    break
                prev, m = self.mentions[j - 1] if j else None, self.mentions[j]
                if prev is None or not follows_in_list(self.text, prev, m):
                    v = False
                    break
                if j == i and (is_speaker(self.text, self.mentions[i]) or names_an_organ(self.text, self.mentions[i])):
                    v = False  # "in Sudan, and U.S. officials say", "..., and US Treasury sanctions": not the list's next place
                    break
                j -= 1
            self.known[i] = v
        return v
