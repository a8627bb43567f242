"""Selecting a country on the map: a mouse click, a tap, and a real X11 pointer.

Each clicks where a country is drawn (computed from the deck's initial view), waits past the
selection debounce, and checks that the URL and the sources follow the country.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from tests.e2e.conftest import ARGS, CHROMIUM
from tests.e2e.test_browser import lonlat_to_pixel, open_app, settle

pytestmark = pytest.mark.e2e
DEFAULT = (12.0, 20.0, 1.3)  # components.state.DEFAULT_VIEW
LIBYA = (17.0, 27.0)  # lon, lat: inside Libya, which has a Wagner layer row


def _events_root(page):
    # with map_provider=None deck.gl renders no react-map-gl view div (#view-default-view):
    # its events root is the element Streamlit's own tests click through
    return page.locator("[data-testid='stDeckGlJsonChart'] .deck-events-root").first


def _libya_point(page):
    box = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
    return lonlat_to_pixel(box, DEFAULT, *LIBYA)


def _hover_tip(page, x, y):
    page.mouse.move(x - 30, y - 20)
    page.mouse.move(x, y, steps=8)
    page.wait_for_timeout(800)
    tip = page.locator(".deck-tooltip")
    return tip.first.inner_text() if tip.count() else ""


def _wait_pickable(page, x, y):
    """Hover until deck.gl picks Libya at (x, y): its layers load after the canvas mounts, and a
    slow machine may need a few seconds more than the page's idle state."""
    tip = ""
    for _ in range(10):
        tip = _hover_tip(page, x, y)
        if tip.startswith("Libya"):
            return
    raise AssertionError(f"the pixel is not on Libya: tooltip {tip!r}")


def _selected(page, timeout_ms):
    try:
        page.wait_for_function("() => location.search.includes('sel=LBY')", timeout=timeout_ms)
        return True
    except Exception:  # Playwright's TimeoutError
        return False


def _press_until_selected(page, press, presses: int = 3):
    """Press; while nothing is selected after 15 s, press again (``presses`` in all), as a user
    whose click went unanswered does. Under software WebGL on a loaded machine deck.gl's pick can
    outlast the 250 ms a press may last to count as a click (bench/map_pick.py times it: 143 ms at
    the median idle); the whole suite once lost two in a row (9 of 9 runs of this file alone
    passed at the first press or the second). Three lost presses in a row still fail the test."""
    for _ in range(presses - 1):
        press()
        if _selected(page, 15_000):
            break
    else:
        press()
    _assert_libya_selected(page)


def _assert_libya_selected(page):
    page.wait_for_function("() => location.search.includes('sel=LBY')", timeout=20_000)
    settle(page)
    metas = page.locator("li.fp-src .fp-cm").all_inner_texts()
    assert metas and all("Libya" in m for m in metas), metas
    assert "view=" not in page.url, "the view did not change, so it stays out of the link"


def test_click_selects_a_country(page, server):
    open_app(page, server)
    assert page.url.rstrip("/") == server
    x, y = _libya_point(page)
    _wait_pickable(page, x, y)
    root = _events_root(page)
    box = root.bounding_box()
    _press_until_selected(page, lambda: root.click(position={"x": x - box["x"], "y": y - box["y"]}))
    # the selected country is chosen in Sources too
    shown = page.evaluate("""() => [...document.querySelectorAll("[data-testid='stSelectbox']")].map(
        e => e.textContent + ' ' + [...e.querySelectorAll('input')].map(i => i.value).join(' ')).join(' | ')""")
    assert "Libya (LBY)" in shown, shown


def test_tap_selects_a_country_on_touch(browser, server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, has_touch=True)
    page = ctx.new_page()
    try:
        open_app(page, server)
        x, y = _libya_point(page)
        _wait_pickable(page, x, y)  # a tap on a layer not yet loaded picks nothing
        _press_until_selected(page, lambda: page.touchscreen.tap(x, y))
    finally:
        ctx.close()


@pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool")
def test_real_x11_pointer_click_selects_a_country(browser, server):
    """A headed chromium under Xvfb; xdotool moves and clicks the X server's own pointer."""
    display = f":{90 + os.getpid() % 100}"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1400x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = {**os.environ, "DISPLAY": display}
    try:
        time.sleep(1.0)
        if True:  # the module's Playwright instance: one sync instance per thread
            b = browser.browser_type.launch(executable_path=CHROMIUM, headless=False, env=env,
                                   args=[*ARGS, "--kiosk", "--window-position=0,0", "--window-size=1400,1000"])
            try:
                page = b.new_context(no_viewport=True).new_page()
                open_app(page, server)
                x, y = _libya_point(page)
                # no window manager: the kiosk window's client area starts at the screen's origin
                ox, oy = page.evaluate("[window.screenX + window.outerWidth - window.innerWidth,"
                                       " window.screenY + window.outerHeight - window.innerHeight]")
                sx, sy = int(round(x + ox)), int(round(y + oy))

                def xdo(*args):
                    subprocess.run(["xdotool", *args], env=env, check=True, timeout=10)

                tip = ""
                deadline = time.monotonic() + 45  # a headed window under load may take a while to take input
                while time.monotonic() < deadline:
                    xdo("mousemove", str(sx - 30), str(sy - 20))
                    xdo("mousemove", "--sync", str(sx), str(sy))
                    page.wait_for_timeout(800)
                    tip = page.locator(".deck-tooltip").first.inner_text()
                    if tip.startswith("Libya"):
                        break
                assert tip.startswith("Libya"), (tip, sx, sy)
                _press_until_selected(page, lambda: xdo("click", "1"))
            finally:
                b.close()
    finally:
        xvfb.terminate()
        xvfb.wait(10)
