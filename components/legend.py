"""The map's legend, drawn beside it (deck.gl has none): escaped HTML."""

from __future__ import annotations

from components.actors import ActorStyle
from components.deck import BASE_SHADES, SEA
from components.text import md_escape


def _tints() -> str:
    """The base tints side by side (hard stops): a country with no report is one of these."""
    n = len(BASE_SHADES)
    stops = ", ".join(f"rgb({r},{g},{b}) {100 * k // n}% {100 * (k + 1) // n}%"
                      for k, (r, g, b, _a) in enumerate(BASE_SHADES))
    return f"linear-gradient(90deg, {stops})"


def legend_html(styles: dict[str, ActorStyle], shown: list[str], window_end: str, cities: bool = True,
                near: bool = False) -> str:
    parts = [f'<div class="fp-legend"><div class="fp-lh">Presence as of {md_escape(window_end)}</div>']
    for key in shown:
        s = styles.get(key)
        if s is None:
            continue
        r, g, b = s.rgb
        parts.append(
            '<div class="fp-li">'
            f'<span class="fp-sw" style="background:linear-gradient(90deg, rgba({r},{g},{b},0.3), rgba({r},{g},{b},0.9))"></span>'
            f"{md_escape(s.label)} — present</div>"
            '<div class="fp-li">'
            f'<span class="fp-sw" style="background:rgba({r},{g},{b},0.18);border:2px solid rgb({r},{g},{b})"></span>'
            f"{md_escape(s.label)} — ended (left or withdrawn)</div>"
        )
    both = [s for k, s in styles.items() if k in shown]  # the map's draw order: the first one fills
    if len(both) >= 2:
        (r1, g1, b1), (r2, g2, b2) = both[0].rgb, both[1].rgb
        parts.append(
            '<div class="fp-li">'
            f'<span class="fp-sw" style="background:rgba({r1},{g1},{b1},0.7);border:3px solid rgb({r2},{g2},{b2})"></span>'
            f"both reported: {md_escape(both[0].label)} fills the country, "
            f"{md_escape(both[1].label)} draws the thick outline</div>"
        )
    parts.append(
        f'<div class="fp-li"><span class="fp-sw" style="background:{_tints()}"></span>'
        "no report in the window (neighbours never share a tint)</div>"
        '<div class="fp-note">Darker = more independent sources (reprints of one story count once) and more recent reports.</div>'
    )
    parts.append('<div class="fp-li"><span class="fp-dot" style="background:#888;width:12px;height:12px">'
                 "</span>small country (a ring per actor)</div>")
    if cities:
        parts.append('<div class="fp-li"><span class="fp-dot"></span>city a claim names (size = claims)</div>')
    if near:
        parts.append('<div class="fp-li"><span class="fp-dot" style="background:#fff;border:2px solid #555">'
                     "</span>city named near a claim, same article</div>")
    parts.append("</div>")
    return "".join(parts)


CSS = """
<style>
[data-testid="stDeckGlJsonChart"] canvas{background:rgb(__SEA__)}
.fp-legend{font-size:0.82rem;line-height:1.35;padding:0.3rem 0}
.fp-lh{font-weight:600;margin-bottom:0.3rem}
.fp-li{display:flex;align-items:center;gap:0.45rem;margin:0.2rem 0}
.fp-sw{display:inline-block;width:26px;height:13px;border-radius:2px;flex:none}
.fp-dot{display:inline-block;width:10px;height:10px;border-radius:50%;background:#555;border:1px solid #fff;margin:0 8px}
.fp-note{color:#666;font-size:0.75rem;margin:0.3rem 0}
ul.fp-sources{list-style:none;padding-left:0}
li.fp-src{border-bottom:1px solid #eee;padding:0.4rem 0}
.fp-meta,.fp-cm{color:#666;font-size:0.78rem}
.fp-cm{margin-top:0.25rem}
.fp-title{font-weight:600}
blockquote.fp-ev{margin:0.2rem 0 0 0;padding-left:0.6rem;border-left:3px solid #ccc;font-size:0.9rem}
mark.fp-mention{background:#fff1a8;padding:0 1px}
mark.fp-claim{background:#ffd8d0}
mark.fp-cue{background:#ffb3a3;font-weight:600}
</style>
""".replace("__SEA__", ",".join(map(str, SEA)))  # the sea: the deck's canvas shows it where no country is
