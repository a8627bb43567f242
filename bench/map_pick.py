"""The map's press: how long deck.gl holds a pointerdown on a country, and the deck's JSON size.

deck.gl picks synchronously on pointerdown (the pick a click then selects by). Under software
WebGL a costly pick (a pickable outline of tens of thousands of path vertices) outlasts the
250 ms a press may last to count as a click, and no click selects anything: that is why the
base layer is not stroked (components/deck.py, BASE_SHADES).

Ingests the bundled sample into a temporary store with the CLI, serves ``streamlit run
dashboard.py`` on 127.0.0.1, opens it in Debian's chromium (software WebGL, as the browser
tests) and presses Libya ``--presses`` times. A capturing listener on the window and a bubbling
one time each pointerdown's handlers (deck.gl's pick among them). Prints each press, the median
and max against the 250 ms budget, and the deck's JSON bytes at the world view against 2 MB.
Not a test: a timed assertion would fail on a loaded machine, not on slow code.

Run from the repo root: ``python bench/map_pick.py [--presses 9]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

from first_paint import ARGS, CHROMIUM, serve_sample  # the same browser, the same served sample

from components.deck import view_pixel

ROOT = Path(__file__).resolve().parents[1]
BUDGET_MS = 250.0  # a press longer than this is no click (deck.gl's tap recogniser)
TARGET_BYTES = 2_000_000
VIEW = (12.0, 20.0, 1.3)  # components.state.DEFAULT_VIEW: lat, lon, zoom
LIBYA = (17.0, 27.0)  # lon, lat

PROBE = """
(() => {
  window.__fpPress = [];
  let t0 = null;
  window.addEventListener('pointerdown', () => { t0 = performance.now(); }, true);
  window.addEventListener('pointerdown', () => { if (t0 !== null) window.__fpPress.push(performance.now() - t0); t0 = null; });
})();
"""


def presses(browser, base: str, n: int, settle_ms: int) -> list[float]:
    """Milliseconds each pointerdown on Libya spends in the page's handlers."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.add_init_script(PROBE)
    page = ctx.new_page()
    try:
        page.goto(base + "/")
        page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=90_000)
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=90_000)
        page.wait_for_timeout(3000)  # deck.gl draws after the element mounts
        box = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
        x, y = view_pixel(box, VIEW, *LIBYA)
        page.mouse.move(x, y, steps=4)
        for i in range(n):
            page.mouse.move(x + (i % 3) - 1, y, steps=2)  # a new position: no pick is reused
            page.wait_for_timeout(settle_ms)  # a person rests on the country, then presses
            page.mouse.down()
            page.mouse.up()
            page.wait_for_timeout(600)
        return page.evaluate("() => window.__fpPress")
    finally:
        ctx.close()


def world_deck_bytes(store: Path) -> int:
    """The deck's JSON at the world view over the whole period, as the page builds it."""
    code = ("import sys, pandas as pd\n"
            "from components import deck as d\n"
            "from components.actors import actor_styles\n"
            "from news.store import Store\n"
            "from news.store import queries as q\n"
            "s = Store(sys.argv[1])\n"
            "rows = q.layer_rows(s, q.Filters())\n"
            "print(d.deck_bytes(d.build_deck(rows, d.country_shapes(), actor_styles(), window_end='2025-12').deck))\n")
    out = subprocess.run([sys.executable, "-c", code, str(store)], cwd=ROOT, check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--presses", type=int, default=9)
    ap.add_argument("--settle-ms", type=int, default=800, help="pause between reaching Libya and pressing")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with serve_sample("footprint-pick-") as (store, base):
        size = world_deck_bytes(store)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            ms = presses(browser, base, args.presses, args.settle_ms)
            browser.close()
    if not ms:
        print("no pointerdown reached the page")
        return 1
    for i, m in enumerate(ms, 1):
        print(f"press {i}: {m:.1f} ms")
    med, worst = statistics.median(ms), max(ms)
    print(f"load average while measured: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"pointerdown handling: median {med:.1f} ms, max {worst:.1f} ms; budget {BUDGET_MS:.0f} ms: "
          f"median/budget {med / BUDGET_MS:.2f}, max/budget {worst / BUDGET_MS:.2f}")
    print(f"deck JSON at world view: {size:,} bytes; /{TARGET_BYTES:,}: {size / TARGET_BYTES:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
