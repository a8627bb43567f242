"""The decision: which claims an article makes, clause by clause, and one status per pair.

``find_claims`` walks the article's sentences and clauses, skipping those with no word that
could name an actor; ``claims_in_clause`` decides a clause's claims from the tests of the other
modules (actors, places, lists, departures, references) and the clause-wide checks (a visit, a
plan, a negation, "no longer", a hedge); ``resolve_article`` keeps one status per actor and
country (a report of departure outranks the background sentences about the stay it ends).
"""

from __future__ import annotations

import re
from dataclasses import replace

import news.presence.cues as cues
from geo.sentences import sentence_spans
from geo.types import Mention
from news.actors import ActorConfig, load_config
from news.models import Article, Claim
from news.presence.actors import (
    ActorHit,
    absence,
    actor_hits,
    actor_words,
    compile_actors,
    dedupe_actors,
    force_owner,
    fronted_owner,
    names_a_death,
    opens_sentence,
)
from news.presence.calibration import calibrate
from news.presence.clauses import (
    RELATIVE_ASIDE,
    WHERE_OPEN,
    aside_before_negation,
    asserts_nothing,
    beyond_negation,
    clause_spans,
    coordinated_negation,
    coordinated_subjects,
    elided_subject,
    list_item_places,
    negated_asides,
    negation_at,
    relative_subject,
    relative_subject_after_place,
)
from news.presence.context import ClauseContext, CueMatch, SentenceContext, Target
from news.presence.cooccurrence import learned_claims
from news.presence.crosssentence import distant_claims
from news.presence.departures import (
    MOVED_WITHIN,
    PARTIAL,
    bare_departure,
    departure_of,
    ended_target,
    ended_words,
    fronted_departure,
    leaver,
    left_after,
    partial_departure,
    receives,
    receives_cue,
)
from news.presence.enumerations import Locatives, follows_in_list, list_last_from
from news.presence.places import (
    as_state_names,
    dateline,
    force_in,
    is_locative,
    not_the_actors_place,
    other_force_between,
    other_force_leaves,
)
from news.presence.references import (
    colon_topic,
    paragraph_topic,
    pointed_targets,
    points_elsewhere,
    section_topic,
    section_topics,
    sole_host,
)
from news.presence.sentence_rules import (
    facility_claims,
    identity_claims,
    replacement_claims,
    request_claims,
    war_claims,
    where_list_claims,
)
from news.presence.support import checked_claims


def find_claims(article: Article, mentions: list[Mention], config: ActorConfig | None = None) -> list[Claim]:
    """Presence claims of one article; ``mentions`` index ``article.text``."""
    cfg = config or load_config()
    comp = compile_actors(cfg)
    text = article.text or ""
    raw: list[Claim] = []
    last_actor: str | None = None
    history: list[Mention] = []  # country mentions seen so far, for "there" / "the country"
    named: set[str] = set()  # actors named so far (not by anaphora)
    opener: str | None = None  # the actor the sentence before opened on, for "Il ..." / "Au Soudan, il ..."
    original = mentions
    mentions = as_state_names(text, sorted(mentions, key=lambda m: m.start))
    sections = section_topics(text, mentions)
    # One pass over the article finds every word that could name an actor; clauses without one
    # (most of them in real news) skip the per-clause rules entirely.
    words = actor_words(text, comp)
    starts = words.starts
    anaphora_bit = comp.bits.get(("anaphora", ""), 0)  # identity claims need an anaphora phrase
    # words that name an actor outright (not "they", "its men"): they may open a coordinated clause
    name_bits = sum(b for (kind, _), b in comp.bits.items() if kind in ("names", "aliases", "demonyms", "states"))
    named_starts = [a for a, k in zip(words.starts, words.masks, strict=True) if k & name_bits]
    mi = ai = si = 0
    n_mentions, n_starts = len(mentions), len(starts)
    # where the actors' named sites are (one search of the article: most name none)
    sites = [m.start() for m in comp.any_facility.finditer(text)] if comp.any_facility is not None else []
    n_sites = len(sites)
    # the claims of the last sentence that made any, with its index: what a departure told with no
    # place in the next sentences ("They withdrew completely last spring") leaves
    recent: tuple[int, list[Claim]] | None = None
    for n_sentence, (s_start, s_end) in enumerate(sentence_spans(text)):
        n_raw = len(raw)
        sent_mentions: list[Mention] = []
        while mi < n_mentions and mentions[mi].start < s_end:
            if mentions[mi].start >= s_start:
                sent_mentions.append(mentions[mi])
            mi += 1
        while ai < n_starts and starts[ai] < s_start:
            ai += 1
        # a site the actor holds names the actor too, with or without its words
        while si < n_sites and sites[si] < s_start:
            si += 1
        if si < n_sites and sites[si] < s_end:
            raw.extend(facility_claims(article.id, text, s_start, s_end, comp, article.published))
        if ai == n_starts or starts[ai] >= s_end:
            # no word that could name an actor: nothing to claim, and identity and request
            # claims need an actor named in the sentence too
            history.extend(sent_mentions)
            opener = None
            continue
        sentence = text[s_start:s_end]
        if asserts_nothing(sentence):
            # a question asserts nothing ("Остались ли вагнеровцы в Белоруссии?", "Will Wagner stay?");
            # its places and actor still count for what points back to them
            asked = actor_hits(sentence, s_start, comp, last_actor, words.between(s_start, s_end))
            last_actor = min(asked, key=lambda h: h.start).actor if asked else last_actor
            opener = _subject_of(text, s_start, asked)
            history.extend(sent_mentions)
            continue
        where = SentenceContext(article, text, sentence, s_start, sent_mentions, history, comp,
                                section_topic(sections, s_start))
        # identity claims need a pointing phrase, or a pronoun in an "identify them as" cue
        if last_actor and (words.between(s_start, s_end) & anaphora_bit or "dentif" in sentence):
            raw.extend(identity_claims(where, last_actor, raw))
        raw.extend(request_claims(where))
        raw.extend(war_claims(where))
        raw.extend(where_list_claims(where, words))
        raw.extend(replacement_claims(where, words))
        sent_actor: str | None = None  # the actor this sentence named last, for a relative's pronoun
        sent_subject: str | None = None  # the actor this sentence opens on
        # len(raw) when the clause just read opened as a "where" relative, else None: a verbless
        # item after it ("in Mali, where it works alongside Wagner, and in Niger") goes on with the
        # clause before the relative, not with the relative's own actor
        relative_from: int | None = None
        for c_start, c_end in coordinated_subjects(text, clause_spans(sentence, s_start), named_starts,
                                                      [m.start for m in sent_mentions if m.kind != "demonym"]):
            mask = words.between(c_start, c_end)
            if not mask and sent_actor is None:
                history.extend(m for m in sent_mentions if c_start <= m.start < c_end)
                continue
            clause = text[c_start:c_end]
            after_relative, relative_from = relative_from, (len(raw) if WHERE_OPEN.match(clause) else None)
            hits = actor_hits(clause, c_start, comp, last_actor, mask, sent_subject or opener) if mask else []
            if sent_subject is None and hits:
                sent_subject = _subject_of(text, s_start, hits)
            clause_mentions = [m for m in sent_mentions if c_start <= m.start < c_end]
            if c_start == s_start and not hits:
                # "With much of its army fighting in Ukraine, Russia ...": the fronted phrase's forces
                # are those of the state that opens the main clause
                front = fronted_owner(text, c_start, c_end, comp, _verb_opens)
                if front is not None:
                    fronted = [m for m in clause_mentions if m.start < front[1]]
                    raw.extend(claims_in_clause(where, c_start, front[1],
                                                [ActorHit(front[0], c_start, c_start, "", "anaphora")], fronted))
            if not hits and sent_actor is not None:
                subject = (relative_subject(text, c_start, c_end)
                           or relative_subject_after_place(text, c_start, c_end, clause_mentions))
                if subject is not None:
                    # "..., where it guards the president": the relative's subject is the sentence's actor
                    hits = [ActorHit(sent_actor, subject[0], subject[1], text[subject[0]:subject[1]], "anaphora")]
                    raw.extend(claims_in_clause(where, c_start, c_end, hits, clause_mentions))
                    history.extend(clause_mentions)
                    continue
                dropped = elided_subject(text, c_start, c_end, clause_mentions)
                if dropped is None and _verb_opens(clause):
                    dropped = c_start  # "Wagner fought in Libya, but left Mozambique": the subject left out
                if dropped is not None:
                    # "...; в ЦАР и Мали охраняют местных руководителей": the subject the clause drops
                    # is the actor the sentence named before
                    hits = [ActorHit(sent_actor, dropped, dropped, "", "anaphora")]
                    raw.extend(claims_in_clause(where, c_start, c_end, hits, clause_mentions))
                    history.extend(clause_mentions)
                    continue
                before = (_present_before(raw[n_raw:after_relative], None) if after_relative is not None
                          else None) or _present_before(raw[n_raw:], sent_actor)
                if before is not None:
                    # "fighters have been documented in Syria; in eastern Ukraine; ...": an item with no
                    # verb of its own shares the claim of the clause before it
                    raw.extend(replace(before, iso3=m.iso3, place=m.name if m.kind in ("city", "capital") else None,
                                       lat=m.lat, lon=m.lon, confidence=round(max(0.05, before.confidence - 0.1), 2),
                                       rules="list-item")
                               for m in list_item_places(text, c_start, c_end, clause_mentions)
                               if m.iso3 not in comp.home.get(sent_actor, ()))
            if hits:
                for h in hits:
                    if h.via == "anaphora":
                        h.actor = force_owner(h.text, comp, named) or h.actor
                    elif h.actor:
                        named.add(h.actor)
                found = claims_in_clause(where, c_start, c_end, hits, clause_mentions)
                if cues.MODAL.search(clause) is not None:
                    found.extend(aside_claims(where, c_start, c_end, hits, clause_mentions))
                if not found and recent and n_sentence - recent[0] == 1:
                    found = continued_departure(where, c_start, c_end, hits, clause_mentions, recent[1])
                raw.extend(found)
                # what later pronouns point to is the clause's subject, named first ("Wagner handed its
                # positions to Russian troops ... Several thousand of them moved to Belarus")
                last_actor = min(hits, key=lambda h: h.start).actor
                sent_actor = last_actor or sent_actor
            history.extend(clause_mentions)
        opener = sent_subject
        if len(raw) > n_raw:
            recent = (n_sentence, raw[n_raw:])
    resolved = resolve_article(raw)
    # a pair the article does not bear out (news/presence/support.py), then a stay it says has
    # ended in words no rule read (news/presence/endings.py)
    claims = checked_claims(article, list(original), resolved, comp)
    # the pairs no rule read, scored by the learned layers: those named in one sentence
    # (news/presence/cooccurrence.py) and those named only apart (news/presence/crosssentence.py);
    # both see the rules' own claims, so a pair the support check dropped is not guessed back
    return calibrate(claims + learned_claims(article, list(original), resolved, comp)
                     + distant_claims(article, list(original), resolved, comp))


def _present_before(found: list[Claim], actor: str | None) -> Claim | None:
    """The sentence's last claim so far, when it puts ``actor`` (any actor for None) somewhere
    (present): what a verbless list item after it shares."""
    return (found[-1] if found and actor in (None, found[-1].actor) and found[-1].status == "present"
            else None)


_QUOTES = "\"'«“„‘»”"


# A clause that opens on its verb, after "but"/"mais"/"но" cut it from its subject ("..., but left
# Mozambique in 2020", "..., mais a quitté le Mozambique", "..., но ушёл из Мозамбика"): an
# auxiliary or an adverb or two, then a word of presence or departure.
_VERB_LEAD = re.compile(r"\s*(?:(?:has|have|had|was|were|is|are|then|later|also|soon|quickly|a|ont|est|sont|avait|avaient|"
                        r"était|étaient|ensuite|aussi|vite|rapidement|уже|затем|потом|также|быстро|вскоре)\s+){0,2}(\w+)",
                        re.IGNORECASE)


# A circumstance fronted before that verb: "..., but after a string of losses left the country",
# "..., mais après une série de pertes ont quitté le pays", "..., но после серии потерь ушли из страны"
_FRONTED_CIRCUMSTANCE = re.compile(
    r"\s*,?\s*(?:after|following|despite|amid|within|après|malgré|dans|faute\s+de|после|из-за|несмотря\s+на|"
    r"в\s+ходе|в\s+результате)\s+", re.IGNORECASE)
_WORD_AHEAD = re.compile(r"[\w'’-]+,?\s+")


def _verb_opens(clause: str) -> bool:
    """Whether a clause with no subject of its own opens on its verb of presence or departure,
    after at most a short circumstance ("after a string of losses", "после серии потерь")."""
    starts = [0]
    lead_in = _FRONTED_CIRCUMSTANCE.match(clause)
    if lead_in is not None:
        at = lead_in.end()
        for _ in range(5):  # the circumstance's own words, at most five
            word = _WORD_AHEAD.match(clause, at)
            if word is None:
                break
            at = word.end()
            starts.append(at)
    for start in starts:
        lead = _VERB_LEAD.match(clause, start)
        if lead is None:
            continue
        rest = clause[lead.start(1):]
        if cues.ENDED.match(rest) is not None or (start == 0 and cues.PRESENT.match(rest) is not None):
            return True
    return False


# An aside on the actor, opening on its own verb of presence: ", which operates in Mali", ", now
# operating in", ", déployé au Niger", ", действующего в Мали", ", размещённых в Ливии"
_ASIDE_OPEN = re.compile(r"[»\"”']?\s*,\s+(?:(?:which|who|that|qui|котор\w+)\s+|(?:now|still|already|désormais|déjà|"
                         r"уже|ныне|по-прежнему)\s+)?(?=\w)", re.IGNORECASE)


def aside_claims(where: SentenceContext, c_start: int, c_end: int, hits: list[ActorHit],
                 clause_mentions: list[Mention]) -> list[Claim]:
    """Claims of an aside on an actor named in a clause that holds a plan: "Libya could become a hub
    for the Africa Corps, which operates in Mali and Niger"; "роль российских военных, размещённых
    в Ливии". Why: the plan is the main clause's; the aside asserts a stay of its own, and the plan
    cue would otherwise drop every place after it."""
    text = where.text
    out: list[Claim] = []
    for h in hits:
        if not h.actor or h.via == "anaphora":
            continue
        m = _ASIDE_OPEN.match(text, h.end, c_end)
        if m is None or "," not in text[h.end:m.end()]:
            continue
        a = m.end()
        if cues.first_present(text[a:a + 40]) is None or cues.MODAL.search(text, a, c_end) is not None:
            continue  # the aside opens on its verb of presence, and holds no plan of its own
        inside = [x for x in clause_mentions if x.start >= a]
        if inside:
            out.extend(claims_in_clause(where, a, c_end, [ActorHit(h.actor, a, a, h.text, "anaphora")], inside))
    return out


def continued_departure(where: SentenceContext, c_start: int, c_end: int, hits: list[ActorHit],
                        clause_mentions: list[Mention], earlier: list[Claim]) -> list[Claim]:
    """A departure told with no place, right after a sentence that put the same actor in one
    country, the actor opening the sentence: "Russian peacekeepers were deployed to
    Nagorno-Karabakh in 2020. They withdrew completely last spring." The actor left that country. Why: news tells the end of a stay in the
    sentence after its start, and the place is not repeated; only one country may be meant, and the
    clause must say plainly that the actor (not part of it, not in a plan or a denial) left."""
    text, clause = where.text, where.text[c_start:c_end]
    actors = {h.actor for h in hits if h.actor}
    if len(actors) != 1 or cues.MODAL.search(clause) or negation_at(clause) is not None:
        return []
    (actor,) = actors
    home = where.comp.home.get(actor, ())
    if any(m.iso3 not in home and m.kind != "demonym" for m in clause_mentions):
        return []
    hit = min((h for h in hits if h.actor == actor), key=lambda h: h.start)
    head = text[where.start:hit.start]
    if not opens_sentence(head) or (head.lstrip()[:1] or "-") in _QUOTES:
        # the subject of the sentence, not a pronoun inside it that may mean anyone; nor a quote
        # ('"They left in a hurry," an official said' after a move inside the country: left where?)
        return []
    departed = bare_departure(text, hit)  # the subject, then its leaving verb
    if not departed or partial_departure(text, c_start, text.find(departed, c_start, c_end)):
        return []
    stays = [c for c in earlier if c.actor == actor and c.status == "present"]
    if len({c.iso3 for c in stays}) != 1:
        return []
    was = stays[0]
    return [Claim(where.article.id, actor, was.iso3, was.place, was.lat, was.lon, "ended", where.article.published,
                  where.sentence.strip(), f"{hit.text} … {departed}", 0.6, "departure-continued")]


# ", where", ", où", ", где": a relative that opens a clause of its own
_RELATIVE_OPEN = re.compile(r",\s*(?:where|où|где)\s|"
                            # a temporal clause after a plan or rumour tells what happened: "The rumour
                            # gained traction after Russian instructors arrived in Niamey"
                            r"\s(?:after|since|once|après\s+que|après\s+qu['’]|depuis\s+que|depuis\s+qu['’]|"
                            r"после\s+того\s+как|с\s+тех\s+пор\s+как)\s", re.IGNORECASE)


def _relative_after_plan(text: str, modal_at: int, c_end: int, hits: list[ActorHit]) -> int:
    """Where a plan's reach ends in its clause: at a relative "where", or a temporal clause ("after",
    "since"), after it whose own subject is an actor ("...may be moved to Africa, where Wagner works
    in Mali, the CAR and Libya"; "может быть переброшена в Африку, где «Вагнер» работает в Мали";
    "The rumour gained traction after Russian instructors arrived in Niamey"), unless that clause
    holds a plan of its own; ``c_end`` when none. Why: the plan is the main clause's; the relative or
    the temporal clause asserts a stay."""
    rel = _RELATIVE_OPEN.search(text, modal_at, c_end)
    if rel is None or not any(h.start >= rel.end() and h.actor and h.via != "anaphora" for h in hits):
        return c_end
    return c_end if cues.MODAL.search(text, rel.end(), c_end) else rel.start() + 1


_WHERE_AT = re.compile(r",\s*(?:where|où|где)\s", re.IGNORECASE)


_WHERE_SUBJECT = re.compile(r"(?:^|,)\s*(?:where|où|где|куда)\s+(?:(?:the|les?|la|l['’]|des|ses|its|their|his)\s*)?"
                            r"(?:[\w'’-]+\s+)?[«\"“]?$", re.IGNORECASE)  # a head noun before a quoted name: «группа «Вагнер»


def _acts_where(clause: str, c_start: int, hits: list[ActorHit]) -> re.Match[str] | None:
    """The "where" of a relative whose subject is an actor phrase, whatever its verb: "Syria, where
    Wagner's contractors saved Assad", "la Centrafrique, où les hommes de Wagner tiennent les
    mines", "Ливия, где «Вагнер» воевал за Хафтара". Why: what the actor does where it does it puts
    it there; the verb lists cannot hold every deed. Names and force nouns only, not a state."""
    for h in hits:
        if h.actor and h.via in ("name", "force"):
            head = _WHERE_SUBJECT.search(clause, 0, h.start - c_start)
            if head is not None:
                return head
    return None


_FRONTED_IN = re.compile(r"\s*(?:(?:and|but|et|mais|и|а|но|then|puis|затем)\s+)?(?:in|inside|en|au|aux|à|dans|в|во)\s+"
                         r"(?:the\s+|la\s+|le\s+|l['’]\s*|les\s+)?$", re.IGNORECASE)
# between the fronted place and its subject: a comma, a determiner, a number, "the men of", the
# demonym of the subject's own phrase ("российские лётчики"); never a verb and its object
_AFTER_FRONTED = re.compile(r",?\s*(?:(?:les?|la|l['’]|des|the|some|several|plusieurs|quelques|hundreds\s+of|dozens\s+of|"
                            r"des\s+(?:centaines|dizaines)\s+d['’]|несколько|сотни|десятки|\d[\d\s,.]*|hommes\s+de|men\s+of|"
                            r"бойцы|[\w-]*(?:russ|росси|русск)[\w-]*)\s*){0,3}[«\"“]?$", re.IGNORECASE)


_PASSIVE_AFTER = re.compile(r"(?:\s+[\w'’-]+){0,3}?\s+(?:est|sont|a\s+été|ont\s+été|is|are|was|were|has\s+been|have\s+been|"
                           r"был\w*|признан\w*)\s+(?:\w+\s+)?\w+(?:é|ée|és|ées|ed|en|ан\w*|ен\w*)(?!\w)", re.IGNORECASE)


def _acts_in_fronted(text: str, c_start: int, hits: list[ActorHit], mentions: list[Mention]) -> re.Match[str] | None:
    """A clause that opens on "in PLACE" and then names an actor (a name or force noun) as its
    subject, whatever the verb: "В соседней Киргизии на авиабазе Кант российские лётчики
    отрабатывают задачи", "In Sudan, Wagner's companies run gold mines". Why: the fronted place
    frames what the actor does; the verb lists cannot hold every deed. The place must open the
    clause, right after its preposition."""
    actor_hits = [h for h in hits if h.actor and h.via in ("name", "force")]
    if not actor_hits:
        return None
    first = min(actor_hits, key=lambda h: h.start)
    for m in mentions:
        if m.kind == "demonym" or m.start >= first.start:
            continue
        lead = _FRONTED_IN.match(text, c_start, m.start)
        if (lead is not None and lead.end() == m.start and _AFTER_FRONTED.match(text, m.end, first.start)
                and not _PASSIVE_AFTER.match(text, first.end)):
            return lead  # "Aux États-Unis, Wagner est désigné comme ...": done to it, by the place's state
        break
    return None


def _relative_before_plan(text: str, c_start: int, modal_at: int, c_end: int) -> int:
    """Where a "where" relative before a plan closes: the last comma between the relative and the
    plan ("In the CAR, where Wagner has been present since 2018, officials say Moscow has asked
    Touadera to swap it"), so that each is decided alone; ``c_end`` (no split) when the clause
    holds no such relative or the plan is the relative's own ("where Wagner could deploy")."""
    rel = WHERE_OPEN.match(text, c_start, modal_at) or _WHERE_AT.search(text, c_start, modal_at)
    close = text.rfind(",", rel.end(), modal_at) if rel is not None else -1
    return close + 1 if close >= 0 else c_end


def _subject_of(text: str, s_start: int, hits: list[ActorHit]) -> str | None:
    """The actor a sentence opens on (its first actor phrase, with only fronted adverbials before
    it), which a bare subject pronoun in the next sentence points to; None otherwise."""
    if not hits:
        return None
    first = min(hits, key=lambda h: h.start)
    return first.actor or None if opens_sentence(text[s_start:first.start]) else None


def claims_in_clause(where: SentenceContext, c_start: int, c_end: int, hits: list[ActorHit],
                      clause_mentions: list[Mention]) -> list[Claim]:
    """The claims of one clause (``text[c_start:c_end]``) about the actors ``hits`` name in it."""
    article, text, sentence = where.article, where.text, where.sentence
    sent_mentions, history, comp = where.mentions, where.history, where.comp
    clause = text[c_start:c_end]
    # word lists match case-insensitively: searching ``clause`` itself shares its tokens
    visit = cues.VISIT.search(clause)
    if visit is not None:
        # "X said, at a meeting in Washington, that Wagner fighters were deployed in Burkina": the
        # visit frames the report; what follows "that" is still reported presence
        cut = _THAT.search(clause, visit.end())
        if cut is None:
            return []
        c_start += cut.end()
        hits = [h for h in hits if h.start >= c_start]
        clause = text[c_start:c_end]
        if not hits or cues.VISIT.search(clause):
            return []
        clause_mentions = [m for m in clause_mentions if m.start >= c_start]
    modal = cues.MODAL.search(clause)
    if modal is not None:
        # a plan after the places named ("have arrived in Niger with a system they will install")
        # does not undo them; a plan before them ("could deploy to Mali") does, and no place is
        # then looked for outside the clause
        modal_at = c_start + modal.start()
        own = _relative_after_plan(text, modal_at, c_end, hits)
        if own == c_end:
            # "In the CAR, where Wagner has been present since 2018, officials say Moscow has asked
            # ... to": the plan is the main clause's, after the relative's closing comma
            own = _relative_before_plan(text, c_start, modal_at, c_end)
        if own < c_end:  # "... could be moved to Africa, where Wagner works in Mali": two clauses
            return [*claims_in_clause(where, c_start, own, [h for h in hits if h.start < own],
                                      [m for m in clause_mentions if m.start < own]),
                    *claims_in_clause(where, own, c_end, [h for h in hits if h.start >= own],
                                      [m for m in clause_mentions if m.start >= own])]
        clause_mentions = [m for m in clause_mentions if m.end <= modal_at and m.kind != "demonym"]
        if not clause_mentions:
            return []
    no_longer = cues.NO_LONGER.search(clause)
    asides = negated_asides(clause) if no_longer is None else []
    # "without Wagner": that actor is not there, and its "without" does not negate the clause
    absent = {id(h): span for h in hits if (span := absence(text, h)) is not None}
    asides += [(a - c_start, b - c_start) for a, b in absent.values()]
    neg = negation_at(clause, asides) if no_longer is None else None
    negated = neg is not None
    # a negation of a later, coordinated verb is about that verb ("arrived in Niger in April and
    # do not mix with American forces"), not about a stay named before it
    neg_first = c_start + neg if neg is not None else c_end
    neg_at = c_start + neg if neg is not None and coordinated_negation(clause, neg) else c_start
    present_cue: CueMatch | None = cues.first_present(clause)
    if present_cue is None and no_longer is not None and no_longer.group("none"):
        present_cue = no_longer  # "В Мали больше нет бойцов Вагнера", "No Wagner fighters remain": an end of its own
    if present_cue is None and cues.ENDED.may_occur(clause):
        # "покидают позиции на северо-востоке Сирии", "left their positions in northern Syria": a
        # move inside the country, so presence in it (GUIDE)
        present_cue = MOVED_WITHIN.search(clause)
    if present_cue is None and (not cues.ENDED.may_occur(clause) or cues.ENDED.search(clause) is None):
        # a leaving verb is the departure rules' to read
        present_cue = _acts_where(clause, c_start, hits) or _acts_in_fronted(text, c_start, hits, clause_mentions)
    if modal is not None and present_cue is not None and (
            c_start + present_cue.start() >= modal_at
            or text[c_start + present_cue.end():modal_at].isspace()):
        # "In Mali, Russia could deploy troops": the only cue is the plan's; "suggested his
        # fighters could help": the cue is the plan's subject
        present_cue = None
    hedged = bool(cues.HEDGE.search(sentence))
    may_end = cues.ENDED.may_occur(clause)
    locative_at = Locatives(text, clause_mentions, c_start)
    ctx = ClauseContext(text, clause, c_start, c_end, hits, clause_mentions, present_cue, negated, may_end, locative_at)
    ended_of: dict[int, str | None] = {}
    leaving: dict[int, set[str]] = {}  # actors named between a leaving cue and its place
    stayed: dict[int, bool] = {}  # a leaving cue negated: "n'ont pas quitté le Mali"
    out: list[Claim] = []
    # a death dates, it does not act; an actor named as absent is not there
    for hit in dedupe_actors([h for h in hits if not names_a_death(text, h) and id(h) not in absent]):
        if not hit.actor:
            continue  # another group, named so that "its fighters" does not fall to an actor
        if modal is not None and (hit.start >= modal_at or (hit.via == "anaphora" and _MODAL_SOON.match(text, hit.end, modal_at))):
            continue  # "its fighters ... so they could"; "Mali could host Russian troops": in the plan
        home = comp.home.get(hit.actor, ())
        targets: list[Target] = []
        placed: set[int] = set()  # places the actor phrase itself is put in ("instructors in Mali")
        # another actor named before this one: the places between the two are that one's verb
        # phrase's ("The Africa Corps has sent troops to Burkina Faso, has taken over from Wagner in
        # Libya": Burkina Faso is not Wagner's)
        before_me = max((h.end for h in hits if h.actor and h.actor != hit.actor and h.end <= hit.start), default=None)
        if before_me is not None and _companion_of(text, before_me, hit.start):
            before_me = None  # "Its units work in Mali alongside Wagner's fighters": beside them, there
        # the reverse: another actor named after this one's phrases (not as its companion, nor joined
        # with it as one subject) owns the places after it ("Russia's footprint grew after 2017, when
        # the first Wagner contractors turned up in Sudan": Sudan is Wagner's); not when that actor
        # stands in an aside, nor past a pronoun pointing back, nor for a departure, whose leaver
        # the departure rules read
        my_end = max(h.end for h in hits if h.actor == hit.actor)
        theirs = min((h for h in hits if h.actor and h.actor != hit.actor and h.start >= my_end
                      and not names_a_death(text, h) and id(h) not in absent),
                     key=lambda h: h.start, default=None)
        if theirs is not None and (_companion_of(text, my_end, theirs.start) or _joined(text, my_end, theirs.start)):
            theirs = None
        for i, m in enumerate(clause_mentions):
            if m.iso3 in home or (before_me is not None and before_me <= m.start < hit.start
                                  and not _OPENS_OWN.search(text, max(before_me, m.start - 16), m.start)
                                  and not _WHERE_BETWEEN.search(text, m.end, hit.start)):
                # (unless the place opens this actor's own coordinated clause, "..., and in Burkina
                # Faso a unit of the Africa Corps arrived", or a "where" on it leads to this actor,
                # "au Mali, où il épaule les hommes de Wagner")
                continue
            if i in ended_of:
                ended = ended_of[i]
            else:
                ended = ended_of[i] = ended_target(text, m, c_start, may_end)
                if ended:
                    cue_at = text.rfind(ended, c_start, m.start)
                    # "did not leave Mali" stays; "left Mali ... and has never returned" left
                    stayed[i] = ((negated or _inside(asides, cue_at - c_start))
                                 and cues.NEGATION.search(text[max(c_start, cue_at - 25):cue_at]) is not None)
                    leaving[i] = {h.actor for h in hits if cue_at <= h.start < m.start}
                    who_left = None if leaving[i] else leaver(ctx, ended)
                    if who_left is not None:
                        # "l'Africa Corps a pris le relais des paramilitaires de Wagner, qui ont quitté le
                        # Mali": the one leaving is the one the relative pronoun follows
                        leaving[i] = {who_left}
            if not ended and theirs is not None and _owned_by(text, my_end, theirs, m.start):
                continue  # the place is the later actor's (its departure cue, if any, already read above)
            if ended:
                if leaving[i] and hit.actor not in leaving[i]:
                    continue  # "le départ de Wagner du Mali": the one who leaves is named
                if hit.start >= m.end and _AFTER_CONNECTIVE.search(text, m.end, hit.start):
                    continue  # "France pulled its troops out of Mali after the arrival of Wagner"
                if receives(ctx, hit, m.end, m.start):
                    continue  # "Wagner pulled its fighters out of Ukraine, handing its positions to Russian army units"
                if not stayed[i] and partial_departure(text, c_start, text.rfind(ended, c_start, m.start)):
                    # "the gradual departure of Wagner fighters from Belarus", "began pulling some of
                    # its men out of Syria": still there (GUIDE: ended needs the whole force gone)
                    targets.append(Target(m, "present", ended, 0.6, "partial-departure"))
                    continue
                targets.append(Target(m, "present" if stayed[i] else "ended", ended, 0.6 if stayed[i] else 0.8,
                                "departure-denied" if stayed[i] else "departure"))
            elif ((negated and (m.end > neg_at or hit.start > neg_at) and not beyond_negation(text, neg_first, m, hit)
                   and not aside_before_negation(text, hit, m, neg_first))
                  or (hit.end <= m.start and _ORIGIN.match(text, hit.end, m.start))
                  or _inside(asides, m.start - c_start)):  # "Wagner, which is not in Mali, ...": the aside's own negation
                continue  # "наёмники из Судана", "mercenaries from Syria": where they come from
            elif (present_cue and locative_at(i) and not other_force_between(text, hit, m, clause_mentions, home)
                  and not (m.end <= hit.start and not_the_actors_place(text, m, hit, clause_mentions))):
                gone = fronted_departure(ctx, hit, i, home, bare=True) if m.end <= hit.start else None
                if gone is not None:
                    targets.append(Target(m, "ended", gone, 0.7, "fronted-departure"))  # "In Kazakhstan, the troops sent ... had gone home"
                else:
                    left = left_after(ctx, m, i) if may_end else None
                    if left is not None and not PARTIAL.search(text, c_start, m.end + 40):
                        # "the last paratroopers deployed to Kazakhstan flew home on Wednesday": the
                        # place belongs to a participle, and the men then left it
                        targets.append(Target(m, "ended", left, 0.7, "departed-after"))
                    else:
                        targets.append(Target(m, "present", nearest_cue(clause, c_start, m.start, hit), 0.8,
                                        "locative-cue"))
            elif hit.end <= m.start and (cues.ACTOR_IN.match(text[hit.end:m.start])
                                         or force_in(text, c_start, m, comp.forces.get(hit.actor))):
                targets.append(Target(m, "present", text[hit.start:m.end], 0.7, "actor-in"))
                placed.add(i)
            elif i - 1 in placed and m.kind != "demonym" and follows_in_list(text, clause_mentions[i - 1], m):
                targets.append(Target(m, "present", text[hit.start:m.end], 0.7, "list-continuation"))  # "... in Tajikistan and Kyrgyzstan"
                placed.add(i)
            elif m.end <= hit.start and m.kind != "demonym":
                gone = fronted_departure(ctx, hit, i, home)
                if gone is not None:
                    targets.append(Target(m, "ended", gone, 0.7, "fronted-departure"))  # "В Мали «Вагнер» ... вывел своих бойцов"
                    continue
                # "Mali, Burkina Faso and Niger have invited ...": the list's last item stands
                # before the verb, and the earlier items share it
                last = list_last_from(text, clause_mentions, i, hit.start)
                host = cues.HOST.search(text, last.end, hit.start)
                if host and not cues.COMMA.search(  # "Mali, whose leaders have governed since 2020, brought in Wagner"
                        _RELATIVE_COMMA.sub("  ", RELATIVE_ASIDE.sub(" ", text[last.end:host.start()]))):
                    targets.append(Target(m, "present", host.group(0), 0.7, "host"))  # "Mali hired Wagner"
        if any(t.place.kind == "demonym" for t in targets) and any(t.place.kind != "demonym" for t in targets):
            # "shared an airbase in Niamey with American troops": the place named is where they
            # are; the other country's troops are beside them there
            places = {t.place.iso3 for t in targets if t.place.kind != "demonym"}
            targets = [t for t in targets if t.place.kind != "demonym" or t.place.iso3 in places]
        if modal is None:  # with a plan in the clause, only places named before it count
            pointed = pointed_targets(ctx, hit, targets, history + sent_mentions, home)
            targets.extend(t for t in pointed if t.status != "ended" or (
                leaver(ctx, t.cue) in (None, hit.actor) and not receives_cue(ctx, t.cue, hit)
                and not other_force_leaves(text, hit, t.cue, clause_mentions, home)))
        if not targets and present_cue and not negated and modal is None:
            # the place is in another clause of the same sentence ("..., while it works with Russian
            # instructors"); a relative "where ..." clause points only through its "where"
            for m in ([] if clause.lstrip().lower().startswith("where ") else sent_mentions):
                if m.iso3 not in home and m.start < c_start and is_locative(text, m, m.start - 60):
                    targets.append(Target(m, "present", present_cue.group(0), 0.6, "other-clause"))
            if not targets:
                topic = colon_topic(where, c_start, home)
                if topic is not None:
                    # "The Central African Republic remains the group's showcase: Wagner men guard ..."
                    targets.append(Target(topic, "present", present_cue.group(0), 0.6, "colon-topic"))
        if (not targets and not negated and modal is None
                and (present_cue or may_end) and hit.via != "state"
                and not any(m.iso3 not in home and not dateline(text, m) for m in sent_mentions)
                and not points_elsewhere(clause)):
            # no place in the sentence (a dateline aside): an article set in one country ("BANGUI —
            # ... The trainers work at Berengo", "depuis que Wagner a plié bagage") puts the actor
            # there, or takes it away, less surely; so does the country of the section's heading
            # ("Ливия: логистический узел"), before it, and after it (for a stay, not a departure)
            # the one country of a paragraph that opens on it ("In Libya, ... Russian troops
            # maintain the airfields")
            kind = "section-topic"
            sole = where.topic if where.topic is not None and where.topic.iso3 not in home else None
            if sole is None:
                kind, sole = "sole-country", sole_host(text, history + [m for m in sent_mentions if dateline(text, m)], home)
            if sole is None and not may_end and no_longer is None:
                kind, sole = "paragraph-topic", paragraph_topic(text, c_start, history, home)
            if sole is not None:
                departed = (departure_of(text, c_start, hit)
                            or (bare_departure(text, hit) if hit.via != "anaphora" else None)) if may_end else None
                if departed:
                    targets.append(Target(sole, "ended", departed, 0.5, f"{kind}-departure"))
                elif present_cue:
                    targets.append(Target(sole, "present", present_cue.group(0), 0.5, kind))
        for m, status, cue, conf, rule in targets:
            if (negated and status == "present" and not (c_start <= m.start < neg_at and hit.start < neg_at)
                    and not (c_start <= m.start and beyond_negation(text, neg_first, m, hit))
                    and not aside_before_negation(text, hit, m, neg_first)
                    and cue not in ended_words(clause)):
                continue
            if no_longer is not None and status == "present":
                status, cue = "ended", no_longer.group(0)  # "сама ЧВК в Ливии больше не работает"
                rule += "+no-longer"
            if hedged:
                conf -= 0.1
                rule += "+hedged"
            if hit.via == "anaphora":
                conf -= 0.1
                rule += "+actor-pointer"
            place = m.name if m.kind in ("city", "capital") else None
            out.append(Claim(article.id, hit.actor, m.iso3, place, m.lat, m.lon, status, article.published,
                             sentence.strip(), f"{hit.text} … {cue}", round(max(0.05, min(conf, 1.0)), 2), rule))
    return out


# a departure told after another event ("... after the arrival of Wagner"); a report after a
# visit ("said, at a meeting in Washington, that ..."); where the men come from ("from Syria")
_AFTER_CONNECTIVE = re.compile(r"(?<!\w)(?:after|since|following|before|when|as|après|depuis|avant|lorsque|"
                               r"после|до|когда)(?!\w)", re.IGNORECASE)
_THAT = re.compile(r"(?<!\w)(?:that|que|qu['’]|что)(?!\w)", re.IGNORECASE)
_ORIGIN = re.compile(r"\s+(?:from|из|venus? d[eu']|originaires? d[eu'])\s*$", re.IGNORECASE)


# ", which also", ", qui", ", которые": the place is the relative's subject ("Mali and Burkina Faso,
# which also rely on Russian instructors")
_RELATIVE_COMMA = re.compile(r",\s*" + cues.RELATIVE + r"\b", re.IGNORECASE)


# a place that opens a coordinated clause of its own ("..., and in Burkina Faso a unit arrived"), and
# a "where" after a place, whose clause the next actor may be in
_OPENS_OWN = re.compile(r"(?:,|\b(?:and|et|и|а|while|alors\s+que|tandis\s+que))\s+(?:(?:in|en|au|aux|à|в|во|на)\s+)"
                        r"(?:the\s+|la\s+|le\s+|l['’])?$", re.IGNORECASE)
_WHERE_BETWEEN = re.compile(r",\s*(?:where|où|где|куда)(?!\w)", re.IGNORECASE)


# two actor phrases joined as one subject or object: "Wagner and the Africa Corps", "российские
# инструкторы и бойцы «Вагнера»", "as well as", "ainsi que", "а также"
_JOINED = re.compile(r"\s*(?:[»\"”]\s*)?(?:,\s*)?(?:and|or|et|ou|и|или|as well as|ainsi que|а также|plus|then|puis|затем)"
                     r"(?:,?\s+(?:later|then|now|since \d{4}|depuis \d{4}|с \d{4} года|ensuite))?,?\s+"
                     r"(?:[\w'’-]+\s+){0,3}?(?:(?:the|its|les?|la|l['’]|des|du|de|ses|его|её|их)\s*)?[«\"“]?\s*$",
                     re.IGNORECASE)
# a pronoun after the other actor's phrase points back past it ("Wagner handed its positions to
# Russian troops, and by June it had pulled all its fighters out of Ukraine")
_BACK = re.compile(r"(?<!\w)(?:it|its|they|their|il|ils|elle|elles|ses|leurs?|son|sa|его|её|ее|их|они|он|она)(?!\w)",
                   re.IGNORECASE)


def _joined(text: str, start: int, at: int) -> bool:
    """Whether the actor phrase at ``at`` is coordinated with the one ending at ``start``."""
    return at - start <= 40 and _JOINED.match(text, start, at) is not None


def _owned_by(text: str, my_end: int, theirs: ActorHit, at: int) -> bool:
    """Whether the place at ``at`` belongs to ``theirs``, an actor phrase after this actor's last
    one (``my_end``): it comes after that phrase, which stands in no aside, and no pronoun after it
    points back past it."""
    return at >= theirs.end and not _aside(text, my_end, theirs, at) and not _BACK.search(text, theirs.end, at)


def _aside(text: str, start: int, other: ActorHit, at: int) -> bool:
    """Whether ``other`` stands in an aside (between commas, dashes or brackets) that opens after
    ``start`` and closes before ``at`` ("The Africa Corps, Russia's successor to the Wagner Group,
    remains deployed in Mali": the places after it are the main subject's)."""
    opened = re.search(r"[,(—–]\s*[^,()—–]*$", text[start:other.start])
    return opened is not None and re.search(r"[,)—–]", text[other.end:at]) is not None


def _companion_of(text: str, start: int, at: int) -> bool:
    """Whether the actor phrase at ``at`` is named as the companion of the actor before it
    ("alongside Wagner's fighters", "aux côtés des hommes de Wagner", "вместе с бойцами «Вагнера»"):
    up to four words between the companion word and the phrase, none of them punctuation."""
    last = cues.last_match(cues.COMPANION.finditer(text[max(start, at - 50):at]))
    if last is None:
        return False
    gap = text[max(start, at - 50) + last.end():at]
    return len(gap.split()) <= 4 and not cues.STOPS.search(gap)


# a plan within a few words after a pointing phrase is its own ("its fighters ... so they could")
_MODAL_SOON = re.compile(r"(?:\W*[\w'’-]+){0,6}\W*$")




def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether the clause offset ``pos`` falls in one of ``spans``."""
    return any(a <= pos < b for a, b in spans)


def nearest_cue(clause: str, c_start: int, pos: int, hit: ActorHit) -> str:
    """The presence cue closest to the place, outside the actor's own words ("fighters")."""
    best: str | None = None
    dist: int | None = None
    for ca, cb in cues.PRESENT.spans(clause):
        a, b = c_start + ca, c_start + cb
        if hit.start <= a < hit.end:
            continue
        d = abs(pos - b)
        if dist is None or d < dist:
            best, dist = clause[ca:cb], d
    if best is None:
        first: CueMatch | None = cues.PRESENT.search(clause) or MOVED_WITHIN.search(clause)
        best = first.group(0) if first is not None else ""
    return best


def resolve_article(raw: list[Claim]) -> list[Claim]:
    """One status per actor and country: ended outranks present within an article."""
    # a stay told to have ended only by a verb after it ("flew to Venezuela for an exercise and
    # returned home") is one episode: a stay another sentence reports outlives it
    episodes: dict[tuple[str, str], set[str]] = {}
    for c in raw:
        if c.status == "ended":
            episodes.setdefault((c.actor, c.iso3), set()).add(c.evidence if c.rules.startswith("departed-after") else "")
    outlived = {pair for pair, evid in episodes.items() if "" not in evid and any(
        (c.actor, c.iso3) == pair and c.status == "present" and c.evidence not in evid for c in raw)}
    ended = set(episodes) - outlived
    out: list[Claim] = []
    seen: set[tuple[str, str, str]] = set()
    for c in raw:
        key = (c.actor, c.iso3, c.evidence)
        if (c.actor, c.iso3) in ended and c.status != "ended":
            continue
        if (c.actor, c.iso3) in outlived and c.status == "ended":
            continue
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out
