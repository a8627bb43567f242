"""Which sentences put an actor on the ground in a country, present or ended.

Rule-based on purpose: every claim must lead a reader back to the sentence and the words
that made it (``evidence`` and ``cue``), and a rule can be read, tested and argued with.

Per sentence, split into clauses (";", "but", "while"), a claim needs:
1. an actor: a name ("Wagner", "Africa Corps"), a demonym next to a force noun
   ("Russian instructors"), a state with a force noun in the clause ("Moscow sent
   instructors"), or a phrase pointing back to the last actor named ("the group");
2. a place: a country mention in a locative position ("in Mali", "reached Libya",
   "Malian troops"), or a phrase pointing back to one ("there", "the country", "туда");
   never the actor's home, a speaker ("US officials said"), or a border ("with Algeria");
3. a presence cue (deployed, fighting, based, trains...) or a leaving cue whose object is
   the country ("left Mozambique", "уход из Мали");
4. no plan, conditional, visit or negation in the clause ("could deploy", "denied that").
Per article, a pair that has an ``ended`` claim is ended: a report of departure outranks
the background sentences about the stay it ends.

One module per concern: ``cues`` (the word lists, built from ``lexicon/<language>.toml``),
``actors`` (actor phrases), ``places`` (tests on one place mention), ``enumerations`` (lists of
places), ``clauses`` (clause bounds, negation's reach), ``departures`` (leaving cues and who
leaves), ``references`` (what "there", "the country" point to), ``sentence_rules``
(replacement, identity, request), ``context`` (the records the rules pass), ``decision``
(``find_claims``: the article walk, a clause's claims, one status per pair), ``calibration``
(the learned confidence per rule), ``endings`` (the learned status check that turns a stay the
article says is over to ended) and ``cooccurrence`` (the learned layer that scores the
actor-country pairs no rule read).
"""

from news.presence.calibration import learned_confidences, raw_confidences
from news.presence.cooccurrence import rules_only
from news.presence.decision import find_claims

__all__ = ["find_claims", "learned_confidences", "raw_confidences", "rules_only"]
