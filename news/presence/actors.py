"""Actor phrases in a clause: who the rules are about.

The actor file itself (names, force nouns, demonyms, states per actor) is ``news.actors``; this
module compiles it for the rules (``compile_actors``) and finds its phrases in a clause: a name,
a demonym beside a force noun, a state acting, a phrase pointing back to the last actor, and
the other armed groups that must not be taken for one ("Bear, a Russian private military
company").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import ahocorasick

import news.presence.cues as cues
from geo.extract import boundary_form
from news.actors import ActorConfig, Facility, word_pattern


@dataclass(slots=True)
class ActorHit:
    """One actor phrase in the text (offsets into the article's text). Not frozen: a pointing
    phrase's actor is settled after the hit is found (``force_owner``). ``actor`` "" is another
    armed group, named so that "its fighters" does not fall to an actor."""

    actor: str
    start: int
    end: int
    text: str
    via: str  # "name" | "force" | "state" | "anaphora" | "other"


# (bit, actor key, pattern) and (bit, actor key, pattern, the actor's force-noun pattern)
NameRow = tuple[int, str, re.Pattern[str]]
ForceRow = tuple[int, str, re.Pattern[str], re.Pattern[str]]


@dataclass(frozen=True)
class ActorPatterns:
    """An actor file's word lists compiled for the rules, by actor key, with the automaton that
    finds in one pass the words which could start an actor phrase."""

    names: dict[str, re.Pattern[str]]
    forces: dict[str, re.Pattern[str]]
    demonyms: dict[str, re.Pattern[str]]
    states: dict[str, re.Pattern[str]]
    anaphora: re.Pattern[str] | None
    home: dict[str, tuple[str, ...]]
    # the key word of every actor phrase, as " word " (or " prefix" for a word ending in *),
    # valued (key length, bits of the patterns it can start): a cheap skip for most clauses
    first_automaton: ahocorasick.Automaton | None = None
    # which pattern a key word can start: ("names"|"aliases"|"demonyms"|"states"|"anaphora", actor) -> bit
    bits: dict[tuple[str, str], int] = field(default_factory=dict)
    # the same tables as (bit, key, pattern[, force pattern]) rows, for the per-clause loops
    name_rows: tuple[NameRow, ...] = ()
    demonym_rows: tuple[ForceRow, ...] = ()
    state_rows: tuple[ForceRow, ...] = ()
    # the lowered words of each actor's names ("group" and "groupe" for Wagner, "corps" and
    # "корпус" for the Africa Corps): a pointer with one of them as its head is that actor's
    name_words: dict[str, frozenset[str]] = field(default_factory=dict)
    # a possessive before any actor's force noun ("its first contingent", "её подразделения")
    possessive: re.Pattern[str] | None = None
    # every actor's permanent sites abroad, as (actor key, site, its names' pattern), and one
    # pattern for all their names: most articles name none, and one search tells
    facilities: tuple[tuple[str, Facility, re.Pattern[str]], ...] = ()
    any_facility: re.Pattern[str] | None = None


_COMPILED: dict[int, tuple[ActorConfig, ActorPatterns]] = {}


def compile_actors(config: ActorConfig) -> ActorPatterns:
    """Compiled patterns, once per config object (configs are loaded once and cached)."""
    cached = _COMPILED.get(id(config))
    if cached is not None and cached[0] is config:
        return cached[1]
    comp = _compile_uncached(config)
    _COMPILED[id(config)] = (config, comp)
    return comp


def _compile_uncached(config: ActorConfig) -> ActorPatterns:
    def pats(attr: str) -> dict[str, re.Pattern[str]]:
        out: dict[str, re.Pattern[str]] = {}
        for key, actor in config.actors.items():
            p = word_pattern(getattr(actor, attr))
            if p is not None:
                out[key] = p
        return out

    bits: dict[tuple[str, str], int] = {}
    masks: dict[str, int] = {}  # automaton key -> bits of the patterns it can start
    groups: list[tuple[tuple[str, str], tuple[str, ...]]] = [
        (("anaphora", ""), tuple(config.anaphora) + tuple(config.possessives))]
    for k, actor in config.actors.items():
        groups += [(("names", k), actor.names), (("demonyms", k), actor.demonyms), (("states", k), actor.states)]
        if actor.aliases:
            groups.append((("aliases", k), actor.aliases))
    for group, phrases in groups:
        bit = bits.setdefault(group, 1 << len(bits))
        for phrase in phrases:
            words = re.findall(r"\w+\*?", phrase)
            if not words:
                continue
            # the longest word is the rarest: "group" for "the group", "kremlin" for "the Kremlin"
            key = max(words, key=lambda w: len(w.rstrip("*"))).lower()
            if key.endswith("*") or (key == words[-1].lower() and phrase.endswith("*")):
                akey = f" {key.rstrip('*')}"
            else:
                akey = f" {key} "
            masks[akey] = masks.get(akey, 0) | bit
    auto = ahocorasick.Automaton()
    for akey, mask in masks.items():
        auto.add_word(akey, (len(akey), mask))
    auto.make_automaton()
    names, forces, demonyms, states = pats("names"), pats("forces"), pats("demonyms"), pats("states")
    return ActorPatterns(names, forces, demonyms, states,
                         word_pattern(config.anaphora), {k: a.home for k, a in config.actors.items()},
                         auto if masks else None, bits,
                         tuple((bits[("names", k)], k, p) for k, p in names.items())
                         + tuple((bits[("aliases", k)], k, p) for k, p in pats("aliases").items()),
                         tuple((bits[("demonyms", k)], k, p, forces[k]) for k, p in demonyms.items() if k in forces),
                         tuple((bits[("states", k)], k, p, forces[k]) for k, p in states.items() if k in forces),
                         {k: frozenset(w.lower() for n in a.names for w in re.findall(r"\w+", n) if len(w) > 3)
                          for k, a in config.actors.items()},
                         _possessive_pattern(config), *_facility_patterns(config))


def _facility_patterns(config: ActorConfig) -> tuple[tuple[tuple[str, Facility, re.Pattern[str]], ...],
                                                        re.Pattern[str] | None]:
    rows = tuple((k, f, p) for k, a in config.actors.items() for f in a.facilities
                 if (p := word_pattern(f.names)) is not None)
    return rows, word_pattern([n for _, f, _ in rows for n in f.names])


def _possessive_pattern(config: ActorConfig) -> re.Pattern[str] | None:
    """One regex for a possessive, at most one of its adjectives, then any actor's force noun."""
    owner = word_pattern(config.possessives)
    forces = word_pattern([f for a in config.actors.values() for f in a.forces])
    if owner is None or forces is None:
        return None
    adjective = word_pattern(config.possessive_adjectives)
    between = rf"\s+(?:{adjective.pattern}\s+)?" if adjective is not None else r"\s+"
    return re.compile(owner.pattern + between + forces.pattern, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ActorWords:
    """Where an article's words that could start an actor phrase stand (``starts``, in order),
    and for each the bits (``ActorPatterns.bits``) of the patterns it could start (``masks``)."""

    starts: list[int]
    masks: list[int]

    def between(self, a: int, b: int) -> int:
        """The pattern bits of the key words that start in ``[a, b)`` (0: no actor word there)."""
        starts, masks = self.starts, self.masks
        mask = 0
        for i in range(bisect.bisect_left(starts, a), len(starts)):
            if starts[i] >= b:
                break
            mask |= masks[i]
        return mask


def actor_words(text: str, comp: ActorPatterns) -> ActorWords:
    """Offsets of the words that could belong to an actor phrase, in order, and for each the
    bits (``ActorPatterns.bits``) of the patterns it could belong to.

    One automaton pass over the boundary form extraction already made (cached), instead of
    splitting the article into lowercase tokens: the boundary form splits on every non-word
    character, so it finds at least every word the tokens would. A pattern can match in a
    clause only if its key word is there, so a clause runs only the patterns its words name.
    """
    if comp.first_automaton is None or not text:
        return ActorWords([], [])
    padded = " " + boundary_form(text) + " "
    found: dict[int, int] = {}
    # a key " w" ends at padded index e; its word starts at padded[e - len + 2] = text[e - len + 1]
    for e, (n, mask) in comp.first_automaton.iter(padded):
        found[e - n + 1] = found.get(e - n + 1, 0) | mask
    # a nickname names its actor only where the article names the actor outright too
    for (kind, key), bit in comp.bits.items():
        if kind == "aliases" and not any(m & comp.bits[("names", key)] for m in found.values()):
            found = {a: m & ~bit for a, m in found.items() if m & ~bit}
    starts = sorted(found)
    return ActorWords(starts, [found[a] for a in starts])


# A name inside a phrase about its bearer's death dates the clause; it does not name who acts in it
_DEATH_BEFORE = re.compile(r"(?<!\w)(?:death\s+of|killing\s+of|funeral\s+of|mort\s+d[e'’]\s*|décès\s+d[e'’]\s*|"
                           r"obsèques\s+d[e'’]\s*|гибел[иь]|смерт[иь]|похорон\w*|убийств[ао])\s*"
                           # the bearer named in apposition: "the death of its founder, Yevgeny Prigozhin"
                           r"(?:(?:its|his|the\s+group's|the\s+group’s|son|sa|leur|его|её|ее)\s+"
                           r"(?:founder|leader|chief|boss|fondateur|chef|patron|основател\w*|руководител\w*|глав\w*)\s*,?\s*|"
                           # "после гибели основателя ЧВК Евгения Пригожина"
                           r"(?:основател\w*|руководител\w*|глав\w*)\s+(?:ЧВК\s+)?(?:«?Вагнер\w*»?\s+)?)?"
                           r"(?:[\w-]+\s+)?$",
                           re.IGNORECASE)
_DEATH_AFTER = re.compile(r"['’]s\s+(?:death|killing|funeral)(?!\w)|"
                          # "After Prigozhin died in a plane crash", "после того как Пригожин погиб"
                          r"\s+(?:died|was\s+killed|perished|est\s+mort|a\s+péri|a\s+été\s+tué|погиб|умер|разбился)(?!\w)",
                          re.IGNORECASE)


def names_a_death(text: str, hit: ActorHit) -> bool:
    """Whether the actor's name stands in a phrase about its bearer's death ("after Prigozhin's
    death", "после гибели Пригожина", "après la mort de Prigojine"): it dates the clause and claims
    nothing there, though "his men" later may still point back to it."""
    return hit.via == "name" and (_DEATH_BEFORE.search(text, max(0, hit.start - 45), hit.start) is not None
                                  or _DEATH_AFTER.match(text, hit.end) is not None)


def actor_hits(clause: str, offset: int, comp: ActorPatterns, last_actor: str | None, mask: int = -1,
               subject: str | None = None) -> list[ActorHit]:
    """Actor phrases of a clause. A hit with actor "" names another armed group ("Bear, a small
    Russian private military company"): it claims nothing, and words pointing back ("its
    fighters") then point at that group, not at the actor named before it. ``subject`` is the
    actor a bare subject pronoun ("il", "it") may point to: the subject of the sentence before
    (see ``_SUBJECT_PRONOUNS``); None when that sentence's subject was no actor."""
    hits = _actor_hits_raw(clause, offset, comp, last_actor, mask, subject)
    acting = {h.actor for h in hits if h.actor}
    if len(acting) > 1:
        # a name in a phrase about its bearer's death only dates the clause ("Depuis la mort de
        # Prigojine, le ministère a pris le relais avec l'Africa Corps, présent au Mali"): one actor
        acting = {h.actor for h in hits if h.actor and not names_a_death(clause, replace(h, start=h.start - offset,
                                                                                             end=h.end - offset))}
    if len(acting) > 1:
        # Two actors: the one inside an apposition is not the subject ("Africa Corps, the force
        # created to take over Wagner's operations, said ...").
        masked = cues.APPOSITION.sub(lambda m: " " * len(m.group(0)), clause)
        if masked != clause:
            return _actor_hits_raw(masked, offset, comp, None, mask, subject)
    return hits


def _actor_hits_raw(clause: str, offset: int, comp: ActorPatterns, last_actor: str | None,
                    mask: int = -1, subject: str | None = None) -> list[ActorHit]:
    """Actor phrases in a clause; ``mask`` (from ``ActorWords.between``) says which patterns can match."""
    hits: list[ActorHit] = []
    for bit, key, pat in comp.name_rows:
        if not mask & bit:
            continue
        for m in pat.finditer(clause):
            other = _PMC_NAMED.match(clause, m.end()) if _GENERIC_PMC.fullmatch(m.group(0)) else None
            if other and not _actor_named(other, comp):  # "ЧВК «Редут»": another company
                hits.append(ActorHit("", offset + m.start(), offset + other.end(), clause[m.start():other.end()],
                                     "other"))
                continue
            hits.append(ActorHit(key, offset + m.start(), offset + m.end(), m.group(0), "name"))
    # demonym + force noun within two words ("Russian military instructors", "instructeurs russes")
    best: dict[int, ActorHit] = {}
    for bit, key, dpat, fpat in comp.demonym_rows:
        if not mask & bit:
            continue
        for d in dpat.finditer(clause):
            after = clause[d.end():d.end() + 60]
            before = clause[max(0, d.start() - 60):d.start()]
            # only the first force noun after can qualify: a later one has at least as many
            # words and stops before it
            f = fpat.search(after)
            if f is not None and _COORDINATOR.search(after, 0, f.start()) and any(
                    _force_right_before(other, before) is not None for _, _, _, other in comp.demonym_rows):
                # "instructeurs russes et des mercenaires": the adjective follows its noun (French
                # order), and the force noun after the coordination is another actor's
                f = None
            if f is not None and len(after[:f.start()].split()) <= 2 and not cues.STOPS.search(after, 0, f.start()):
                span = f.end() - f.start()
                prev = best.get(d.start())
                company = _COMPANY_NAMED.match(clause, d.end() + f.end())
                named = _actor_named(company, comp) if company else None
                if named:
                    continue  # "российской частной военной компании «Вагнер»": the name says who
                if named is not None or (_COMPANY.search(f.group(0)) and _apposed_to_other(clause, d.start(), comp)):
                    best[d.start()] = ActorHit("", offset + d.start(), offset + d.end() + f.end(),
                                               clause[d.start():d.end() + f.end()], "other")
                elif prev is None or span > prev.end - prev.start:
                    best[d.start()] = ActorHit(key, offset + d.end() + f.start(), offset + d.end() + f.end(),
                                               clause[d.start():d.end() + f.end()], "force")
            f = _force_right_before(fpat, before)  # French order: "instructeurs russes"
            if f is not None and d.start() not in best:
                best[d.start()] = ActorHit(key, offset + d.start() - len(before) + f.start(), offset + d.end(),
                                           clause[d.start() - len(before) + f.start():d.end()], "force")
    hits.extend(best.values())
    for bit, key, spat, fpat in comp.state_rows:
        if not mask & bit or not fpat.search(clause):
            continue
        for m in spat.finditer(clause):
            if clause[m.end():m.end() + 2] in ("'s", "’s"):
                window = _OWNED_FORCE.match(clause, m.end() + 2)  # the three words after "Russia's"
                owned = fpat.search(clause, m.end() + 2, window.end()) if window else None
                if owned:  # "Russia's air base", "Russia's own troops": its forces, not the state
                    hits.append(ActorHit(key, offset + m.start(), offset + owned.end(),
                                         clause[m.start():owned.end()], "force"))
                continue
            owned_by = _owned_by_state(fpat, clause, m.start()) if not _CO_OWNERS.match(clause, m.end()) else None
            if owned_by is not None:  # "военная база России", "les troupes de la Russie": its forces
                hits.append(ActorHit(key, offset + owned_by, offset + m.end(), clause[owned_by:m.end()], "force"))
                continue
            if _AFTER_PREPOSITION.search(clause, max(0, m.start() - 12), m.start()):
                continue  # "missions for Russia have flown into ...": not the one who acts
            aside = _STATE_ASIDE.match(clause, m.end())  # "Moscou, que le parti craint, maintient des soldats"
            if not any(_state_acts(clause, at, fpat) for at in ((m.end(), aside.end()) if aside else (m.end(),))):
                continue
            hits.append(ActorHit(key, offset + m.start(), offset + m.end(), m.group(0), "state"))
    named_at = min((h.start - offset for h in hits), default=None)
    if comp.anaphora is not None and last_actor and mask & comp.bits[("anaphora", "")]:
        # with an actor named in the clause, a pointing phrase still counts as the clause's subject,
        # opening it before that name ("В Мали его подразделения работают параллельно с бойцами
        # «Вагнера»", "Cette force est présente au Mali, où elle encadre les combattants de Wagner")
        pointers = [m for m in comp.anaphora.finditer(clause)
                    if named_at is None or (m.end() <= named_at and _FRONTED.match(clause[:m.start()])
                                            and not _SAME_PHRASE.fullmatch(clause, m.end(), named_at))]
        possessed: list[re.Match[str]] = []
        if comp.possessive is not None:  # "its first contingent": longer than any phrase inside it
            # only as the clause's subject ("Its first contingent reached Burkina Faso"): inside a
            # clause, "its"/"ses" is the clause's own subject's ("France withdrew its last troops")
            # (the phrases listed as such, "its troops", "ses instructeurs", keep their own reading)
            possessed = [o for o in comp.possessive.finditer(clause) if _FRONTED.match(clause[:o.start()])
                         and (named_at is None or o.end() <= named_at)
                         and not any(o.start() <= m.start() < o.end() for m in pointers)]
            pointers = sorted(possessed + pointers, key=lambda m: m.start())
        pointed = False  # one pointing phrase a clause
        for m in pointers:
            if " " in m.group(0).strip() and _OTHER_NAMED_AFTER.match(clause, m.end()):
                continue  # "la société de sécurité Bancroft", "the company Sewa": another one, named
            who = last_actor
            if any(m is o for o in possessed):
                # like a subject pronoun, "its" is the sentence before's subject ("The Africa Corps
                # was set up in 2023. Its first contingent ..."), never a country named since
                if pointed or subject is None:
                    continue
                who = subject
            elif m.group(0).lower() in _SUBJECT_PRONOUNS and not clause.startswith(" y ", m.end()):
                if pointed or subject is None or not _is_fronted_subject(clause, m):
                    continue
                who = subject  # "Au Soudan, il exploite ...": the sentence before's subject
            elif named_at is not None and pointed:
                continue
            hits.append(ActorHit(who, offset + m.start(), offset + m.end(), m.group(0), "anaphora"))
            pointed = True
    if len(hits) < 2:
        return hits
    # a wagner name inside a demonym phrase ("Russia's Wagner Group") is wagner only
    names = [h for h in hits if h.via == "name"]
    return [h for h in hits if h.via == "name" or not any(n.start - 12 <= h.start < n.end and n.actor != h.actor
                                                           for n in names)]


# What may stand between a pointing phrase and a name of its own phrase: "les combattants de
# Wagner", "the fighters of the Wagner Group", "Компания «Мероэ Голд»" name who they are, not
# another actor beside the one pointed to; nor does one in a relative on the phrase ("группа, которую
# связывают с «Вагнером»", "Le groupe de mercenaires, qui combat aux côtés de l'armée russe")
_SAME_PHRASE = re.compile(r"\s*(?:of|de|du|des|d['’]|from|из|у)?\s*(?:the\s+|la\s+|le\s+|l['’]\s*)?"
                          r"(?:[\w-]+\s+){0,2}[«\"“]?\s*|(?:\s+[\w-]+){0,2}\s*,\s*(?:" + cues.RELATIVE +
                          r"|whose|dont|que|qu['’]|котор\w+)(?!\w).*", re.IGNORECASE | re.DOTALL)


# A noun phrase that would point back to the actor, followed by a proper name: it names another
# ("la société de sécurité Bancroft", "the company Bancroft Global", "компания «Редут»")
_OTHER_NAMED_AFTER = re.compile(r"\s+(?:(?:de\s+sécurité|de\s+défense|security|military)\s+)?[«\"“]?\s*[A-ZÀ-ÝА-ЯЁ][\w-]+")


# Bare subject pronouns ("il", "ils", "elle", "it"): too common to point at the actor anywhere in a
# clause, so they do only as the clause's subject, at its head or after fronted adverbials ("Au
# Soudan, il exploite des mines d'or", "En Libye, enfin, ils occupent plusieurs bases", "It has also
# had a presence in ..."), or before "y" ("ils y sont"). News continues a paragraph about an actor
# this way, one country per sentence.
_SUBJECT_PRONOUNS = frozenset({"ils", "il", "elle", "elles", "it"})
# what may stand before the subject: nothing, or up to three fronted phrases each closed by a comma
# (adverbials: a phrase opening on a determiner is a noun phrase, "Les forces françaises, elles, ...")
_FRONTED = re.compile(r"^[\s«»\"“”]*(?:(?:et|and|mais|but|puis|then|а|и|но)\s+)?"
                      # Russian fronts a short adverbial without a comma: "В Мали его подразделения ..."
                      r"(?:(?:в|во|на|с|со|после|по|до|к)\s+[\w-]+(?:\s+[\w-]+){0,2}\s+)?"
                      r"(?:(?!(?:les?|la|l['’]|des|une?|the|an?|its|their|his|her|ses|leurs?|son|sa|ce|ces|cet|cette)(?!\w))"
                      r"[^,;:.«»\"“”]{1,60},\s*){0,3}$", re.IGNORECASE)
# impersonal uses: "il y a", "il faut", "il s'agit", "it is (unclear) whether", "il est (probable) que"
# up to four words of the subject's own noun phrase before the actor's name ("Les hommes de ", "The ")
_HEAD_WORDS = re.compile(r"(?:(?<=\s)|^)(?:[\w'’-]+\s+){1,4}$")
_IMPERSONAL = re.compile(r"\s+(?:y\s+a|y\s+avait|y\s+aurait|faut|fallait|s['’]agit|semble|para[iî]t|reste\s+(?:à|que)|"
                         r"(?:est|était|is|was|'s|’s|remains|seems|appears)\s+(?:\w+\s+){0,2}?(?:que|qu['’]|de|d['’]|that|to|whether|if|not\s+clear))(?!\w)",
                         re.IGNORECASE)


_QUOTE_OPENS = re.compile(r"(?<=\w)\s*[«\"“„]$")
_RU_VERB_LAST = re.compile(r"(?<=\s)[а-яё]+(?:л|ла|ло|ли|лся|лась|лось|лись|ет|ют|ит|ят|ется|ются|ится|ятся)\s+$",
                           re.IGNORECASE)


def opens_sentence(sentence_head: str) -> bool:
    """Whether a phrase after ``sentence_head`` (the sentence's text before it) is the sentence's
    subject: nothing, or only fronted adverbials, stand before it."""
    # the name's own opening quote is part of it: "В ноябре появился «Африканский корпус»"
    sentence_head = _QUOTE_OPENS.sub(" ", sentence_head)
    cut = _HEAD_WORDS.search(sentence_head)  # "Les hommes de Wagner", "Le groupe Wagner": the phrase's own head
    if _FRONTED.match(sentence_head[:cut.start()] if cut else sentence_head) is not None:
        return True
    # Russian puts the verb before its subject after a fronted adverbial: "В ноябре 2023 года
    # появился «Африканский корпус»", "В Мали остаются российские военные"
    verb = _RU_VERB_LAST.search(sentence_head)
    return verb is not None and _FRONTED.match(sentence_head[:verb.start()]) is not None


def _is_fronted_subject(clause: str, m: re.Match[str]) -> bool:
    """Whether the pronoun ``m`` is the clause's subject (see ``_SUBJECT_PRONOUNS``), not impersonal."""
    return _FRONTED.match(clause[:m.start()]) is not None and _IMPERSONAL.match(clause, m.end()) is None


# A company's own name after the word for it: quoted ("«Редут»"), or a capitalised Latin word.
_NAME_AFTER = r"\s*(?:[«\"“]\s*(?P<quoted>[\w-]+)|(?P<plain>[A-Z][\w-]+))"


# "ЧВК", "PMC": the generic word, an actor's name only when no other company's name follows it
_GENERIC_PMC = re.compile(r"ЧВК|PMC", re.IGNORECASE)
_PMC_NAMED = re.compile(_NAME_AFTER)


# "частной военной компании «Редут»", "contractors of the company Redut"
_COMPANY_NAMED = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?i:компани\w*|company|société|firm)" + _NAME_AFTER)


# "Moscow (, which) already has ... ": a state that keeps men somewhere
_STATE_HAS = re.compile(r"(?:\s*,\s*" + cues.RELATIVE + r")?\s+(?:already\s+|still\s+|also\s+|now\s+|encore\s+)?"
                        r"(?:has|had|have|keeps|maintains|a|possède|maintient|garde|имеет|держит|сохраняет)\s+"
                        r"(?:encore\s+|still\s+|toujours\s+)?(?:\w+\s+){0,3}?", re.IGNORECASE)
_COMPANY = re.compile(r"compan|contractor|firm", re.IGNORECASE)


# "Bear, a small Russian private military company": the name the apposition describes
_APPOSED_NAME = re.compile(r"(?<![\w'’-])([A-ZА-ЯЁ][\w'’-]*(?:\s+[A-ZА-ЯЁ][\w'’-]*){0,3})[»\"”]?\s*,\s+"
                           r"(?:a|an|another|une?|autre)\s+(?:[\w-]+\s+){0,3}$")


# capitalised at a sentence start, they make a run of capitals no company's name
_NOT_NAME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "meanwhile", "however", "separately", "lundi", "mardi", "mercredi", "jeudi",
    "vendredi", "samedi", "dimanche", "on", "in", "by", "last", "since", "en", "le",
}


def _actor_named(name: re.Match[str] | str, comp: ActorPatterns) -> str:
    """The actor one of whose names ``name`` (a string, or a ``_NAME_AFTER`` match) holds; ""
    for another company ("Редут", "Bear")."""
    if isinstance(name, re.Match):
        name = name.group("quoted") or name.group("plain")
    return next((key for key, p in comp.names.items() if p.search(name)), "")


def _apposed_to_other(clause: str, at: int, comp: ActorPatterns) -> bool:
    """Whether the company phrase starting at ``clause[at]`` describes a named group that is no
    actor's: "Bear, a small Russian private military company, said it was withdrawing its
    fighters" is about Bear. "Wagner, a Russian private military company" stays Wagner."""
    m = _APPOSED_NAME.search(clause, max(0, at - 80), at)
    if m is None:
        return False
    name = m.group(1)
    if any(w.lower() in _NOT_NAME_WORDS for w in name.split()):
        return False  # 'On Thursday, a Russian private military company said'
    return not _actor_named(name, comp)


# the three words after "Russia's"; a preposition before a state ("missions for Russia")
_OWNED_FORCE = re.compile(r"(?:\s+[\w-]+){1,3}")
_AFTER_PREPOSITION = re.compile(r"(?<!\w)(?:for|of|with|from|by|against|to|pour|avec|contre|par|для|против)\s+$",
                                re.IGNORECASE)


def force_owner(phrase: str, comp: ActorPatterns, named: set[str]) -> str | None:
    """The actor a pointing phrase's noun belongs to, when it is one actor's word and that actor
    has been named: "the mercenaries" after Wagner is Wagner, even if Russian instructors were
    named since."""
    owners = [key for key, pat in comp.forces.items() if pat.search(phrase)]
    if not owners:
        # "the group", "le groupe", "the corps", "корпус": a pointer headed by a word of one actor's
        # own name ("Wagner Group", "Africa Corps") is that actor, whoever was named last
        head = phrase.split()[-1].lower() if phrase.split() else ""
        owners = [key for key, words in comp.name_words.items() if head in words]
    return owners[0] if len(owners) == 1 and owners[0] in named else None


# a relative aside right after a state's name, before its verb: ", que le parti craint,", ", which
# denies it,", ", которая это отрицает,"
_STATE_ASIDE = re.compile(r"\s*,\s*(?:(?:qui|que|dont|which|who|котор\w+)(?!\w)|qu['’])[^,;:.]{0,160},\s*", re.IGNORECASE)
_COORDINATOR = re.compile(r"(?<!\w)(?:et|and|и|ou|or|или)(?!\w)", re.IGNORECASE)


def _state_acts(clause: str, at: int, fpat: re.Pattern[str]) -> bool:
    """Whether the words at ``at``, after a state's name, make it the one acting: a state verb
    ("Moscow sent"), a word of presence or departure within five words, or "has ... troops"."""
    following = " ".join(clause[at:].split()[:5])
    owns = _STATE_HAS.match(clause, at)  # "Moscow already has military instructors in Mali"
    return bool(cues.STATE_VERB.match(clause[at:]) or cues.PRESENT.search(following) or cues.ENDED.search(following)
                or (owns and fpat.search(clause, owns.end(), owns.end() + 30)))


def _force_right_before(fpat: re.Pattern[str], before: str) -> re.Match[str] | None:
    """The first force noun of ``before`` that ends right before a demonym (at most one word
    between, no stop): the noun a French adjective follows ("instructeurs russes")."""
    for f in fpat.finditer(before):
        gap = before[f.end():]
        if len(gap.split()) <= 1 and not cues.STOPS.search(gap):
            return f
    return None


# between a force noun and the state that owns it: nothing (the Russian genitive, "база России"),
# or "of", "de la", "du", "des"
_OWNER_GAP = re.compile(r"\s+(?:of\s+(?:the\s+)?|de\s+(?:la\s+|l['’]\s*)?|du\s+|des\s+)?", re.IGNORECASE)


# the state first of a list of owners ("учения военных России, Таджикистана и Узбекистана"): the
# forces are several states', and the others are owners, not places
_CO_OWNERS = re.compile(r"\s*(?:,|и|and|et)\s+[A-ZА-ЯЁ]")


def _owned_by_state(fpat: re.Pattern[str], clause: str, at: int) -> int | None:
    """Where a force noun starts that the state named at ``at`` owns ("военная база России",
    "войска Москвы", "les troupes de la Russie"), or None: the state's forces are then the actor,
    as "Russia's troops" are, not the state acting."""
    for f in fpat.finditer(clause, max(0, at - 60), at):
        if _OWNER_GAP.fullmatch(clause, f.end(), at):
            return f.start()
    return None


# "without Wagner", "sans l'aide de Wagner", "без участия «Вагнера»": the actor is named as absent
_WITHOUT = re.compile(r"(?<!\w)(?:without|sans|без|excluding)\s+(?:(?:the\s+)?(?:help|participation|involvement|support)\s+"
                      r"of\s+(?:the\s+)?|(?:l['’]aide|la\s+participation|le\s+concours|l['’]appui)\s+(?:de\s+(?:la\s+|l['’])?|du\s+|des\s+|d['’])|"
                      r"(?:участия|помощи|поддержки)\s+|(?:la\s+|le\s+|l['’]|the\s+))?[«\"“]?\s*$", re.IGNORECASE)


def absence(text: str, hit: ActorHit) -> tuple[int, int] | None:
    """The span (in ``text``) of a phrase naming the actor as absent ("the corps deployed without
    Wagner", "корпус разворачивался без участия «Вагнера»"): the actor is then in the clause but not
    there, and the "without" denies only it, not the clause's other actor."""
    if hit.via != "name":
        return None
    w = _WITHOUT.search(text, max(0, hit.start - 40), hit.start)
    return (w.start(), hit.end) if w is not None else None



def dedupe_actors(hits: list[ActorHit]) -> list[ActorHit]:
    """One hit per actor, the surest kind first: a name over a force noun over a state over a
    pointing phrase."""
    if len(hits) == 1:
        return hits
    seen: dict[str, ActorHit] = {}
    rank = {"name": 0, "force": 1, "state": 2, "anaphora": 3, "other": 4}
    for h in sorted(hits, key=lambda h: rank[h.via]):
        seen.setdefault(h.actor, h)
    return list(seen.values())


# what may stand between a fronted phrase's comma and the state that opens the main clause
_STATE_AFTER_COMMA = re.compile(r",\s*(?:la\s+|le\s+|l['’]\s*|the\s+)?")


def fronted_owner(text: str, start: int, end: int, comp: ActorPatterns,
                  opens_on_verb: Callable[[str], bool]) -> tuple[str, int] | None:
    """The actor whose state opens the main clause after a fronted phrase at ``start`` that speaks
    of its forces: "With much of its army fighting in Ukraine, Russia had little appetite ...",
    "Avec ses troupes enlisées en Ukraine, la Russie peine ...", "Engagée militairement en Syrie
    depuis 2015, Moscou cherche ...". The possessive (or the participle) points forward to the
    subject, which is that state: (actor, where the fronted phrase's comma is), else None.

    ``opens_on_verb``: whether a clause opens on a verb of presence (the caller knows the cues);
    called only when a state follows the comma, as most first clauses have none.
    Why: a state named alone is no actor (it needs a force noun in its clause), and "its" is read as
    the sentence before's subject; here the subject comes after, in the same sentence."""
    comma = text.find(",", start, end)
    if comma < 0 or comma - start > 160:
        return None
    after = _STATE_AFTER_COMMA.match(text, comma, end)
    if after is None:
        return None
    key = next((k for k, state in comp.states.items() if state.match(text, after.end(), end) is not None), None)
    if key is None:
        return None
    head = text[start:comma]
    if (comp.possessive is not None and comp.possessive.search(head) is not None) or opens_on_verb(text[start:end]):
        return key, comma
    return None
