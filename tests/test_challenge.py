"""The challenge sets (tests/fixtures/challenge*.jsonl) as regression floors.

48 articles labelled from the shared guide without reading the code, after the rules were
tuned on the dev set: on first contact presence F1 was 0.713, the gap between the rules and
news they were not written on. The rules it exposed were fixed (each with a test of its own
in test_presence.py); this keeps the set's scores from sliding back. The floors sit a little
under what is measured now (presence 0.960, country 0.997), so a rule change that costs one
or two claims fails here and has to say why.

The second set (challenge2.jsonl: 45 longer wire-style articles, a third with page furniture)
came after the first was fixed: 0.672 on first contact, 0.797 after its rule fixes. It is
the harder one, and its floor says the gain must not slide back.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from news.evaluate import (
    Counts,
    gold_countries,
    gold_presence,
    predict,
    predicted_countries,
    predicted_presence,
    score,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / name).open(encoding="utf-8")]


def _f1(c: Counts) -> float:
    return 2 * c.tp / (2 * c.tp + c.fp + c.fn) if c.tp else 0.0


@pytest.mark.parametrize(("name", "country_floor", "presence_floor", "language_floor"), [
    ("challenge.jsonl", 0.98, 0.94, 0.90),
    ("challenge2.jsonl", 0.96, 0.85, 0.82),
    ("challenge3.jsonl", 0.97, 0.75, 0.72),
    # the fourth: 0.684 on first contact, 0.923 after its rule fixes
    ("challenge4.jsonl", 0.97, 0.89, 0.82),
    # the fifth, written after the fourth's fixes: 0.703 on first contact, 0.844 after its own
    ("challenge5.jsonl", 0.97, 0.79, 0.74),
    # the sixth (0.695 on first contact, 0.845 after its rule fixes) and the seventh, written after
    # the sixth's fixes (0.680 on first contact, 0.804 after its own; Russian Telegram-style posts
    # are its weakest part, 0.600)
    ("challenge6.jsonl", 0.97, 0.88, 0.74),
    # (Russian 0.64 with the rules alone, 0.636 with the learned layer: one more wrong guess)
    ("challenge7.jsonl", 0.97, 0.85, 0.62),
    # the eighth, written after the seventh's fixes: 0.731 on first contact, 0.800 after its own
    ("challenge8.jsonl", 0.97, 0.87, 0.82),
    # held out: its texts are never read to write a rule (0.791 when first run, 0.831 after the
    # fourth round's rules); a rule change may move it either way, but not far down unnoticed
    ("heldout.jsonl", 0.97, 0.86, 0.79),
    # ordinary news (40 articles of plain wire and newspaper reporting, no traps), labelled blind and
    # held out like the set above: 0.810 on first contact, its texts never read to write a rule
    # (0.824 after the eighth set's rules)
    ("typical.jsonl", 0.97, 0.85, 0.72),
    # eight news-shaped sets of 2026-12-05 (long articles, background lists, pronoun chains,
    # furniture), labelled blind; first contact in bench/first_contact.tsv. Floors a little under
    # today's figures, so a rule that costs them a few claims must say why. Raised after the
    # structure rules of issue 14 (country descriptions, where-clause subjects, arrival verbs).
    ("blind_wire.jsonl", 0.95, 0.84, 0.76),
    ("blind_features.jsonl", 0.97, 0.75, 0.69),
    ("blind_web.jsonl", 0.95, 0.77, 0.69),
    ("hidden_d.jsonl", 0.97, 0.79, 0.76),
    ("hidden_e.jsonl", 0.95, 0.76, 0.75),
    ("hidden_f.jsonl", 0.96, 0.76, 0.70),
    # raised after the fr2 round (ranges, list gaps, Russian dropped subjects and pointers): hidden_g
    # 0.806 (ru 0.732), hidden_h 0.795 (each language >= 0.785), hidden_i 0.799, hidden_f 0.783,
    # blind_wire 0.862 (fr 0.784), challenge6 0.905 (fr 0.769)
    ("hidden_g.jsonl", 0.95, 0.78, 0.70),
    ("hidden_h.jsonl", 0.95, 0.78, 0.76),
    # two more of the same kind, added after first contact (hidden_i presence 0.758, hidden_j 0.721,
    # country 0.929: related-headline lists under "Read more:" were read as mentions); today
    # hidden_i 0.980 / 0.762 (fr 0.660), hidden_j 1.000 / 0.728 (en 0.718)
    ("hidden_i.jsonl", 0.97, 0.79, 0.72),
    ("hidden_j.jsonl", 0.98, 0.76, 0.70),
    # three more of 2026-12-05's second session (en/fr/ru; agency, regional and exile-media copy),
    # scored at first contact (hidden_k 0.744, hidden_l 0.785, hidden_m 0.721) and again after the
    # pronoun, list and Russian rounds that never saw them (0.789, 0.801, 0.730: Russian recall
    # 0.54-0.81 is the gap); floors a little under the latter. Raised after the p3 round (coordinated
    # clauses, handovers, the month May, nicknames, state organs): hidden_k 0.798, hidden_l 0.820
    # (ru 0.744), hidden_m 0.756 (ru 0.711); also challenge7 0.865, challenge8 0.887, heldout
    # 0.882, blind_features 0.771, hidden_d 0.813, hidden_h 0.802, hidden_i 0.811, hidden_e 0.776,
    # hidden_j 0.770, typical 0.871 (hidden_m 0.766 after the last commits)
    ("hidden_k.jsonl", 0.96, 0.78, 0.72),
    ("hidden_l.jsonl", 0.95, 0.80, 0.72),
    ("hidden_m.jsonl", 0.95, 0.75, 0.69),
    # the fourth, written while the last round of rules was being fitted to the sets above: 0.755
    # at first contact (after the list and Russian rounds), 0.749 after the last round, which never
    # saw it (ru 0.736 -> 0.717): that round's gain on seen sets did not carry over
    ("hidden_n.jsonl", 0.95, 0.73, 0.70),
    # the fifth, written and scored after the base-map, clustering and cue-sense commits of the
    # last session (40 articles, Russian-heavy: agency, investigations, Telegram digests, military
    # bloggers): 0.717 at first contact (en 0.696, fr 0.785, ru 0.654); floors just under it
    # (ru 0.630 after the next session's "не только" rule: "«Специалисты» из России работали в Судане не
    # только на приисках" now places Russia's specialists in Sudan, which the set's labels do not)
    # (ru 0.618 after the aside-before-negation rule: "Российский миротворческий контингент, находившийся в
    # Карабахе с 2020 года, тогда не вмешался" now places the contingent in Azerbaijan, which the article's
    # label has as ended, from a departure the rules do not find)
    ("hidden_o.jsonl", 0.95, 0.70, 0.61),
    # the sixth (45 articles, 15 per language; interviews, explainers, court and sanctions, mining
    # business, obituaries, transcripts, roundups, columns), scored after this session's
    # language-parity and departure commits: 0.659 at first contact (P 0.767, R 0.578; en 0.655,
    # fr 0.729, ru 0.579); the session's opening commit affe794 scored 0.639 on it
    ("hidden_p.jsonl", 0.95, 0.64, 0.56),
    # the seventh (45 articles, 15 per language; the everyday run of wires, newspaper reports,
    # analyses, regional outlets, fact-checks), scored after the session's later commits (lists
    # after a colon or between dashes, replacements, activities, dates that are not beginnings):
    # 0.695 at first contact (P 0.782, R 0.626; en 0.764, fr 0.738, ru 0.588); affe794 scored 0.676
    ("hidden_q.jsonl", 0.95, 0.68, 0.57),
    # the eighth (45 articles, 15 per language; a week's reading of every kind, Russian copy with
    # varied phrasing), scored at the session's end: 0.725 at first contact (P 0.779, R 0.678; en
    # 0.818, fr 0.637, ru 0.706); affe794 scored 0.715
    ("hidden_r.jsonl", 0.95, 0.71, 0.62),
    # the ninth (45 articles, 15 per language; what a researcher's search collects, 2016-2026),
    # scored after every rule of the session: 0.719 at first contact (P 0.821, R 0.639; en 0.822,
    # fr 0.768, ru 0.565); affe794 scored 0.711
    ("hidden_s.jsonl", 0.95, 0.70, 0.55),
    # the tenth (45 articles: 10 en, 10 fr, 25 ru; Russian newsroom copy of every kind, asked to vary
    # its phrasing widely), scored after every rule of the session: 0.818 at first contact (P 0.896,
    # R 0.752; en 0.906, fr 0.852, ru 0.769); affe794 scored 0.736 (fr 0.681, ru 0.680)
    ("hidden_t.jsonl", 0.95, 0.80, 0.75),
    # the eleventh (45 articles, 15 per language; ordinary news of every kind, 2015-2026), scored
    # after the session's last rules: 0.768 at first contact (P 0.815, R 0.726; en 0.828, fr 0.738,
    # ru 0.741); affe794 scored 0.752
    ("hidden_u.jsonl", 0.95, 0.75, 0.72),
    # the twelfth to fourteenth (45 articles each, 15 per language; v: wires, live blogs, analyses,
    # leaning on the Sahel and Libya; w: features, investigations, court and sanctions copy,
    # interviews, leaning on Central Africa, Syria and Mozambique; x: round-ups and newsletters,
    # TV transcripts, fact-checks, op-eds, leaning on post-Soviet and Latin American theatres), all
    # written while this session's rules were made and scored after them at 72c2911: 0.757 (P 0.826,
    # R 0.699; en 0.764, fr 0.711, ru 0.795), 0.789 (P 0.820, R 0.761; en 0.738, fr 0.791, ru
    # 0.857), 0.741 (P 0.774, R 0.711; en 0.680, fr 0.697, ru 0.851); the session's opening commit
    # 8f7234f scored 0.757, 0.789 and 0.737
    ("hidden_v.jsonl", 0.95, 0.74, 0.69),
    ("hidden_w.jsonl", 0.95, 0.77, 0.72),
    ("hidden_x.jsonl", 0.95, 0.72, 0.66),
    # the fifteenth to seventeenth (45 articles each, 15 per language; y: a week's general reading,
    # theatres spread evenly; z: long-form magazine pieces, profiles, leaks, UN-panel and NGO
    # write-ups, hearings, Russian investigations and obituaries; aa: a wire desk's output, a third
    # of it short briefs), written while the session's second round of rules was made and scored
    # after it at 28a6e31: 0.821 (P 0.895, R 0.758; en 0.933, fr 0.754, ru 0.743), 0.776 (P 0.861,
    # R 0.707; en 0.752, fr 0.772, ru 0.807), 0.816 (P 0.862, R 0.775; en 0.871, fr 0.783, ru
    # 0.773); the session's opening commit 8f7234f scored 0.816, 0.772 and 0.811
    ("hidden_y.jsonl", 0.95, 0.80, 0.72),
    ("hidden_z.jsonl", 0.95, 0.76, 0.73),
    ("hidden_aa.jsonl", 0.95, 0.80, 0.75),
    # the eighteenth to twentieth (45 articles each, 15 per language; ab: an analyst's morning digest,
    # wires, regional African and Middle East desks; ac: investigations, court and sanctions copy,
    # interviews in question-and-answer form; ad: explainers, timelines, newsletters, live blogs,
    # transcripts, fact-checks, less-covered theatres), written while the session's third round of
    # rules was made and scored after it at 50dd959: 0.806 (P 0.797, R 0.815; en 0.857, fr 0.773, ru
    # 0.792), 0.763 (P 0.863, R 0.684; en 0.750, fr 0.847, ru 0.696), 0.821 (P 0.852, R 0.793; en
    # 0.839, fr 0.819, ru 0.800); the session's opening commit 8f7234f scored 0.806, 0.756 and 0.821
    ("hidden_ab.jsonl", 0.95, 0.79, 0.76),
    ("hidden_ac.jsonl", 0.95, 0.75, 0.68),
    ("hidden_ad.jsonl", 0.95, 0.81, 0.79),
    # the twenty-first to twenty-third (45 articles each, 15 per language; ae: a West African and
    # Sahel regional desk's week, wires with updates, radio and TV transcripts, NGO and UN summaries,
    # consultancy briefs; af: long reads, podcast transcripts, think-tank briefs, op-eds and newsletter
    # digests, mostly beyond Africa; ag: Central and East Africa and the Red Sea, mining, court,
    # sanctions, obituaries, live blogs, fact-checks), written blind in the seventh session and scored
    # as each arrived: ae 0.744 (P 0.842, R 0.667; en 0.771, fr 0.717, ru 0.734) and ag 0.836 (P
    # 0.864, R 0.809; en 0.892, fr 0.780, ru 0.817) at 44d8e00, af 0.671 (P 0.831, R 0.563; en 0.738,
    # fr 0.516, ru 0.750) at 55dbb1e; the session's opening commit 529b707 scored 0.744, 0.667 and 0.830
    ("hidden_ae.jsonl", 0.95, 0.73, 0.70),
    ("hidden_af.jsonl", 0.95, 0.66, 0.50),
    ("hidden_ag.jsonl", 0.95, 0.82, 0.76),
    # the twenty-fifth (45 articles, 15 per language; the specialist beat: defence-trade, aviation
    # and maritime press, OSINT write-ups, satellite imagery, hearings), written with ah and aj and
    # scored on arrival at b7e89c3: 0.761 (P 0.829, R 0.703; en 0.800, fr 0.794, ru 0.689); the
    # opening commit 529b707 scored 0.744 (fr 0.746, ru 0.674)
    ("hidden_ai.jsonl", 0.95, 0.75, 0.66),
    # the twenty-fourth and twenty-sixth (45 articles each, 15 per language; ah: what a general reader
    # met in one month of each year 2015-2026, front pages, briefs, explainers, reader Q&As,
    # editorials; aj: human stories and local voices, reportage, diaries, defectors, court testimony,
    # long recaps told in pronouns), written blind after the session's first two rounds and scored on
    # arrival at d8aa862: ah 0.730 (P 0.817, R 0.660; en 0.787, fr 0.689, ru 0.684), aj 0.712 (P
    # 0.847, R 0.615; en 0.737, fr 0.744, ru 0.648); the opening commit 529b707 scored the same
    ("hidden_ah.jsonl", 0.95, 0.72, 0.66),
    ("hidden_aj.jsonl", 0.95, 0.70, 0.63),
    # the twenty-seventh to twenty-ninth (45 articles each, 15 per language; ak: the Russian-language
    # and francophone press as their own readers get it, and African outlets' English copy; al:
    # breaking news, live pages, updated wires, corrections; am: UN-panel, NGO, sanctions, court and
    # leak write-ups), written blind after the session's third round and scored on arrival: ak 0.753
    # (P 0.838, R 0.684; en 0.750, fr 0.805, ru 0.714) at 82b1208, am 0.722 (P 0.799, R 0.659; en 0.705,
    # fr 0.655, ru 0.794) at d935c16, al 0.821 (P 0.862, R 0.783; en 0.800, fr 0.861, ru 0.806) at
    # 25f9012; the opening commit 529b707 scored 0.749, 0.708 and 0.811
    ("hidden_ak.jsonl", 0.95, 0.74, 0.69),
    ("hidden_al.jsonl", 0.95, 0.81, 0.77),
    ("hidden_am.jsonl", 0.95, 0.71, 0.63),
    # the thirtieth (45 articles, 15 per language; ao: Syria and the Middle East 2015-2026, Hmeimim
    # and Tartus, military police, Wagner at the oil fields, the fall of Assad and the drawdown;
    # Levantine, Gulf, Turkish and Israeli papers, Russian agencies and Telegram digests), written
    # blind in the eighth session and scored on arrival at 53758de: 0.856 (P 0.883, R 0.831; en
    # 0.885, fr 0.831, ru 0.833); the session's opening commit 47c5c02 scored 0.851 (ru 0.814)
    ("hidden_ao.jsonl", 0.95, 0.84, 0.82),
    # the thirty-first (45 articles, 15 per language; an: North Africa and the Mediterranean 2016-2026,
    # Libya above all, with Egypt, Algeria, Tunisia, Chad, shipping and migration; Libyan and Maghreb
    # dailies, Italian, Greek and Maltese correspondents, Russian business and military press),
    # written blind in the eighth session and scored on arrival at dd5be0c (rules of 53758de): 0.812
    # (P 0.866, R 0.764; en 0.896, fr 0.806, ru 0.735); the opening commit 47c5c02 scored 0.820 (fr 0.829)
    ("hidden_an.jsonl", 0.95, 0.80, 0.72),
    # the thirty-second (45 articles, 15 per language; ap: Russia beyond Africa and the Middle East
    # 2014-2026, Venezuela, Cuba, Nicaragua, Central Asia, the Caucasus, Belarus, Transnistria,
    # Serbia, the Arctic; regional and exile media, Latin American and Central Asian papers, defence
    # journals), written blind in the eighth session and scored on arrival at 0841db0 (rules of
    # 53758de): 0.707 (P 0.904, R 0.580; en 0.739, fr 0.683, ru 0.696); the opening commit 47c5c02
    # scored the same
    ("hidden_ap.jsonl", 0.95, 0.69, 0.66),
    # the thirty-third (45 articles, 15 per language; aq: the central Sahel 2021-2026, the juntas,
    # Wagner's arrival and departure, the Africa Corps, French and US withdrawals; francophone wires,
    # local radio, Sahelian papers, Russian agencies and Telegram channels), written blind in the
    # eighth session and scored on arrival at e9406a9: 0.828 (P 0.881, R 0.781; en 0.824, fr 0.881,
    # ru 0.789); the opening commit 47c5c02 scored 0.832 (en 0.833)
    ("hidden_aq.jsonl", 0.95, 0.81, 0.77),
    # the thirty-fourth and thirty-fifth (45 articles each, 15 per language; ar: Central and East
    # Africa 2017-2026, the CAR, Sudan's war and gold, Chad, the Congos, Equatorial Guinea, Madagascar
    # and Mozambique, investigations, UN-panel and NGO write-ups, interviews; as: an everyday desk's
    # mixed output 2016-2026, briefs and corrections, round-ups and explainers with a heading per
    # country, obituaries, columns, sport and culture pieces; its brief was written after the section
    # heading rule of 53758de, so it favours that rule), written blind in the eighth session and scored
    # on arrival at 235c951 (rules of e9406a9): ar 0.722 (P 0.754, R 0.693; en 0.762, fr 0.754, ru
    # 0.652), as 0.785 (P 0.850, R 0.730; en 0.807, fr 0.754, ru 0.784); the opening commit 47c5c02
    # scored 0.722 and 0.777
    ("hidden_ar.jsonl", 0.95, 0.70, 0.63),
    ("hidden_as.jsonl", 0.95, 0.77, 0.73),
    # the thirty-sixth to thirty-eighth (45 articles each, 15 per language; at: 2023 and after, the
    # mutiny, Belarus, Prigozhin's death, the Africa Corps, European, US, Middle Eastern, Russian exile
    # and Belarusian press; au: official voices and their monitors, Defence Ministry statements,
    # agency wires, regional obituaries, military bloggers, parliamentary debates, fact-checks; av:
    # African outlets' own coverage in French, English and Russian, editorials and interviews),
    # written blind in the eighth session after its rules and scored on arrival at 3bdc827: at 0.736
    # (P 0.812, R 0.672; en 0.838, fr 0.687, ru 0.688), au 0.733 (P 0.842, R 0.649; en 0.778, fr
    # 0.764, ru 0.615), av 0.811 (P 0.846, R 0.780; en 0.821, fr 0.824, ru 0.790); the session's
    # opening commit 47c5c02 scored 0.732, 0.728 and 0.797
    ("hidden_at.jsonl", 0.95, 0.72, 0.67),
    ("hidden_au.jsonl", 0.95, 0.72, 0.60),
    ("hidden_av.jsonl", 0.95, 0.79, 0.77),
    ("hidden_aw.jsonl", 0.95, 0.74, 0.66),
    ("hidden_ax.jsonl", 0.95, 0.77, 0.71),
    ("hidden_ay.jsonl", 0.95, 0.72, 0.68),
    ("hidden_az.jsonl", 0.95, 0.82, 0.78),
    ("hidden_ba.jsonl", 0.95, 0.70, 0.64),
    ("hidden_bb.jsonl", 0.95, 0.74, 0.64),
    ("hidden_bc.jsonl", 0.95, 0.74, 0.71),
    ("hidden_bd.jsonl", 0.95, 0.73, 0.68),
    ("hidden_be.jsonl", 0.95, 0.82, 0.80),
    # conflict reporting from the ground (battles, ambushes, sieges, the displaced), written blind in
    # the tenth session and scored on arrival at b6f184c (the ninth session's rules): 0.836 (P 0.862,
    # R 0.810; en 0.790, fr 0.764, ru 0.921), the bar met at first contact
    ("hidden_bg.jsonl", 0.95, 0.82, 0.74),
    # with bg: diplomacy, summits and coups (bf), and profiles, obituaries and weekly digests (bh),
    # scored on arrival at 1709f22 (the same rules): bf 0.817 (P 0.873, R 0.768; en 0.865, fr 0.817,
    # ru 0.733), bh 0.764 (P 0.870, R 0.682; en 0.807, fr 0.780, ru 0.715)
    ("hidden_bf.jsonl", 0.95, 0.80, 0.71),
    ("hidden_bh.jsonl", 0.95, 0.75, 0.69),
    # a national daily's foreign desk (bi), families, recruitment and the home front (bj), security
    # and migration beyond the battlefield (bk), written blind in the tenth session and scored on
    # arrival at de3cf80: bi 0.805 (P 0.828, R 0.784; en 0.836, fr 0.764, ru 0.808), bj 0.717
    # (P 0.841, R 0.625; en 0.695, fr 0.753, ru 0.710), bk 0.753 (P 0.820, R 0.695; en 0.722,
    # fr 0.824, ru 0.732); the session's opening rules (7b76e91) scored 0.801, 0.717 and 0.753
    ("hidden_bi.jsonl", 0.95, 0.79, 0.74),
    ("hidden_bj.jsonl", 0.95, 0.70, 0.67),
    ("hidden_bk.jsonl", 0.95, 0.73, 0.70),
    # elections, information operations and influence (bl), the post-Soviet neighbourhood, the
    # Balkans and Latin America (bn), scored on arrival at 1f5a898 (the rules of 94ad15b): bl 0.776
    # (P 0.818, R 0.739; en 0.736, fr 0.750, ru 0.833), bn 0.745 (P 0.840, R 0.669; en 0.746,
    # fr 0.778, ru 0.712); the session's opening rules scored 0.772 and 0.743
    ("hidden_bl.jsonl", 0.95, 0.75, 0.70),
    ("hidden_bn.jsonl", 0.95, 0.73, 0.69),
    # weapons, aircraft and logistics (its helper counted port calls of warships as presence),
    # scored on arrival at 3ad7610 (the rules of bf8dbd9): 0.785 (P 0.845, R 0.732; en 0.805,
    # fr 0.815, ru 0.734); the session's opening rules scored the same
    ("hidden_bm.jsonl", 0.95, 0.77, 0.71),
    # a year-end and anniversary desk (bo), local and regional press inside the countries (bp),
    # Western policy and parliamentary coverage (bq), written blind at the end of the tenth session
    # and scored on arrival at 5ed088e, after all of its rules: bo 0.778 (P 0.889, R 0.692; en
    # 0.800, fr 0.835, ru 0.712), bp 0.772 (P 0.857, R 0.702; en 0.857, fr 0.780, ru 0.653), bq
    # 0.786 (P 0.835, R 0.743; en 0.812, fr 0.667, ru 0.857); the opening rules scored 0.767,
    # 0.767 and 0.771
    ("hidden_bo.jsonl", 0.95, 0.76, 0.69),
    ("hidden_bp.jsonl", 0.95, 0.75, 0.63),
    ("hidden_bq.jsonl", 0.95, 0.77, 0.64),
    # a Russian-first desk quoted in English and French (br), breaking news and its updates (bs),
    # background-heavy explainers with countries in lists (bt), scored on arrival at 03c94a2: br
    # 0.775 (P 0.853, R 0.710; en 0.847, fr 0.810, ru 0.660), bs 0.849 (P 0.882, R 0.818; en
    # 0.896, fr 0.826, ru 0.800: the bar met), bt 0.733 (P 0.856, R 0.640; en 0.750, fr 0.747, ru
    # 0.700); the session's opening rules scored the same on all three
    ("hidden_br.jsonl", 0.95, 0.76, 0.64),
    ("hidden_bs.jsonl", 0.95, 0.83, 0.78),
    ("hidden_bt.jsonl", 0.95, 0.72, 0.68),
    # a sixth batch at 5465ab0 (the rules of 03c94a2): sport, culture and society pages (bu) 0.757
    # (P 0.840, R 0.690; en 0.755, fr 0.706, ru 0.812), economy and infrastructure (bv) 0.763 (P
    # 0.823, R 0.712; en 0.771, fr 0.771, ru 0.746), think-tank and academic analyses (bw) 0.695
    # (P 0.836, R 0.595; en 0.690, fr 0.775, ru 0.625); the opening rules scored 0.757, 0.754, 0.693
    ("hidden_bu.jsonl", 0.95, 0.74, 0.68),
    ("hidden_bv.jsonl", 0.95, 0.74, 0.72),
    ("hidden_bw.jsonl", 0.95, 0.68, 0.60),
    # a seventh batch at 1fddde0 (the rules of 2665f22): a reader's general-news feed where most
    # stories touch the subject in a line (bx) 0.798 (P 0.859, R 0.744; en 0.846, fr 0.825, ru
    # 0.717), field reporting from towns and bases (by) 0.814 (P 0.849, R 0.782; en 0.778, fr
    # 0.857, ru 0.818), denials, corrections and disputed claims (bz) 0.786 (P 0.800, R 0.772; en
    # 0.884, fr 0.689, ru 0.753)
    ("hidden_bx.jsonl", 0.95, 0.78, 0.69),
    ("hidden_by.jsonl", 0.95, 0.80, 0.75),
    ("hidden_bz.jsonl", 0.95, 0.77, 0.66),
    # an eighth batch, scored on arrival at f53739b after the session's rules (the opening rules
    # scored 0.743, 0.783 and 0.775): naval and air power abroad (ca) 0.813 (P 0.897, R 0.744; en
    # 0.812, fr 0.829, ru 0.800), the Caucasus, Central Asia, Belarus and Moldova (cb) 0.814 (P
    # 0.878, R 0.760; en 0.776, fr 0.815, ru 0.849), West and Central Africa after the coups (cc)
    # 0.775 (P 0.835, R 0.723; en 0.795, fr 0.681, ru 0.810)
    ("hidden_ca.jsonl", 0.95, 0.79, 0.77),
    ("hidden_cb.jsonl", 0.95, 0.79, 0.75),
    ("hidden_cc.jsonl", 0.95, 0.76, 0.65),
    # a ninth batch, scored on arrival at 1b3813a before any change of the session: the most-read
    # stories (cd) 0.765 (P 0.856, R 0.692; en 0.814, fr 0.805, ru 0.688), Mozambique, Madagascar,
    # Sudan, Libya and the Red Sea (ce) 0.735 (P 0.781, R 0.695; en 0.734, fr 0.721, ru 0.747),
    # aggregators and morning briefings (cf) 0.819 (P 0.888, R 0.760; en 0.750, fr 0.828, ru 0.872)
    ("hidden_cd.jsonl", 0.95, 0.74, 0.65),
    ("hidden_ce.jsonl", 0.95, 0.71, 0.69),
    ("hidden_cf.jsonl", 0.95, 0.79, 0.72),
    # a tenth batch, the first scored on arrival with the learned layer (23a7ec2; the rules alone
    # scored 0.691, 0.690 and 0.771): the 2025-2026 news year (cg) 0.702 (P 0.763, R 0.649; en
    # 0.722, fr 0.659, ru 0.727), francophone Africa and its readers (ch) 0.705 (P 0.812, R 0.623;
    # en 0.750, fr 0.667, ru 0.688), long background and investigative pieces (ci) 0.791 (P 0.848,
    # R 0.741; en 0.785, fr 0.889, ru 0.742)
    ("hidden_cg.jsonl", 0.95, 0.68, 0.62),
    ("hidden_ch.jsonl", 0.95, 0.68, 0.63),
    ("hidden_ci.jsonl", 0.95, 0.77, 0.71),
    # an eleventh batch, scored on arrival at 0a58fe9 (rules and layer as the tenth batch left them;
    # the rules alone scored 0.789, 0.767 and 0.789): agency wire copy (cj) 0.805 (P 0.809, R 0.802;
    # en 0.778, fr 0.881, ru 0.747), opinion, analysis and think-tank commentary (ck) 0.775 (P
    # 0.866, R 0.701; en 0.768, fr 0.784, ru 0.775), sanctions, courts, UN and rights-group
    # findings (cl) 0.801 (P 0.860, R 0.750; en 0.827, fr 0.822, ru 0.755)
    ("hidden_cj.jsonl", 0.95, 0.78, 0.72),
    ("hidden_ck.jsonl", 0.95, 0.75, 0.74),
    ("hidden_cl.jsonl", 0.95, 0.78, 0.73),
    # a twelfth batch, scored on arrival at 952b064, the first with the learned status check (the
    # rules alone scored 0.678, 0.827 and 0.822; with the co-occurrence layer 0.699, 0.834, 0.834):
    # local voices, community radio and hometown papers (cm) 0.731 (P 0.850, R 0.642; en 0.812, fr
    # 0.702, ru 0.677), business and commodities desks (cn) 0.844 (P 0.857, R 0.832; en 0.875, fr
    # 0.885, ru 0.795), diplomacy, hearings and summits (co) 0.850 (P 0.847, R 0.854; en 0.841, fr
    # 0.880, ru 0.833)
    ("hidden_cm.jsonl", 0.95, 0.71, 0.65),
    ("hidden_cn.jsonl", 0.95, 0.82, 0.77),
    ("hidden_co.jsonl", 0.95, 0.83, 0.81),
    # a thirteenth batch, scored on arrival at 42001a0 with both learned parts as the twelfth left
    # them (the rules alone scored 0.759, 0.786 and 0.788): long reads retelling a decade with
    # lists of countries (cp) 0.774 (P 0.774, R 0.774; en 0.800, fr 0.800, ru 0.714), people:
    # profiles, obituaries, trials and memoirs of single fighters (cq) 0.792 (P 0.781, R 0.803; en
    # 0.821, fr 0.824, ru 0.703), short copy: briefs, roundups, bulletins and channel posts (cr)
    # 0.833 (P 0.849, R 0.818; en 0.737, fr 0.833, ru 0.941)
    ("hidden_cp.jsonl", 0.95, 0.75, 0.69),
    ("hidden_cq.jsonl", 0.95, 0.77, 0.68),
    ("hidden_cr.jsonl", 0.95, 0.81, 0.71),
    # a fourteenth batch, the first scored on arrival with the support check (d9b7318; the rules
    # alone scored 0.813, 0.816 and 0.842, without the support check 0.832, 0.846 and 0.828): a
    # Sahel and West Africa desk (cs) 0.860 (P 0.881, R 0.839; en 0.957, fr 0.632, ru 0.973), the
    # Middle East and North Africa desk (ct) 0.864 (P 0.905, R 0.826; en 0.939, fr 0.812, ru
    # 0.826), the post-Soviet neighbourhood and far abroad (cu) 0.842 (P 0.828, R 0.857; en
    # 0.848, fr 0.857, ru 0.821)
    ("hidden_cs.jsonl", 0.95, 0.83, 0.60),
    ("hidden_ct.jsonl", 0.95, 0.84, 0.78),
    ("hidden_cu.jsonl", 0.95, 0.82, 0.79),
    # a fifteenth batch, the first scored on arrival with the cross-sentence layer (49922da; the
    # rules alone scored 0.662, 0.814 and 0.886, without the layer 0.719, 0.838 and 0.899):
    # reportage from one town, the place set up first (cv) 0.726 (P 0.803, R 0.662; en 0.712, fr
    # 0.722, ru 0.745), weekly digests and round-ups (cw) 0.846 (P 0.885, R 0.810; en 0.818, fr
    # 0.912, ru 0.821), monitoring and translation desks (cx) 0.906 (P 0.911, R 0.900; en 0.951, fr
    # 0.960, ru 0.792)
    ("hidden_cv.jsonl", 0.95, 0.70, 0.69),
    ("hidden_cw.jsonl", 0.95, 0.82, 0.79),
    ("hidden_cx.jsonl", 0.95, 0.88, 0.76),
    # a sixteenth batch, scored on arrival at 8f5dc86 with every learned part (the rules alone
    # scored 0.831, 0.758 and 0.798, without the cross-sentence layer 0.881, 0.799 and 0.840):
    # investigations and report write-ups (cy) 0.890 (P 0.937, R 0.848; en 0.915, fr 0.909, ru
    # 0.833), explainers, Q&A and analysis (cz) 0.809 (P 0.898, R 0.736; en 0.812, fr 0.826, ru
    # 0.788), live blogs and timelines (da) 0.856 (P 0.865, R 0.847; en 0.880, fr 0.836, ru 0.844)
    ("hidden_cy.jsonl", 0.95, 0.87, 0.81),
    ("hidden_cz.jsonl", 0.95, 0.79, 0.76),
    ("hidden_da.jsonl", 0.95, 0.83, 0.81),
    # a seventeenth batch of three sets of 54 articles, scored on arrival at 954c595 with every
    # learned part (the rules alone scored 0.776, 0.807 and 0.826, without the cross-sentence
    # layer 0.807, 0.829 and 0.877): regional and local press (db) 0.821 (P 0.922, R 0.740; en
    # 0.889, fr 0.800, ru 0.769), resources and business reporting (dc) 0.830 (P 0.852, R 0.810;
    # en 0.800, fr 0.800, ru 0.869), rights and monitoring reports retold (dd) 0.866 (P 0.875,
    # R 0.858; en 0.852, fr 0.857, ru 0.894)
    ("hidden_db.jsonl", 0.95, 0.80, 0.74),
    ("hidden_dc.jsonl", 0.95, 0.81, 0.77),
    ("hidden_dd.jsonl", 0.95, 0.84, 0.83),
])
def test_challenge_set_scores_stay_above_their_floor(name: str, country_floor: float, presence_floor: float,
                                                     language_floor: float) -> None:
    rows = _rows(name)
    ours = predict(rows)  # what `footprint extract` and `footprint eval` compute for each article
    countries, presence = predicted_countries(ours), predicted_presence(ours)
    country = score(rows, countries, gold_countries)
    claims = score(rows, presence, gold_presence)
    assert _f1(country["all"]) >= country_floor
    assert _f1(claims["all"]) >= presence_floor
    for lang in ("en", "fr", "ru"):
        assert _f1(claims[lang]) >= language_floor, lang
