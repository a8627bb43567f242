"""Footprint's dashboard: URL state in, layers from the store, components out.

Run with ``streamlit run dashboard.py``. The store is ``$FOOTPRINT_STORE`` or data/store/;
when it holds no articles the first run builds it from data/sample/briefs.jsonl.
Logic lives in components/ (pure, unit-tested); this file only wires it to Streamlit.
"""

from __future__ import annotations

import html
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from components import deck as deckmod
from components.actors import actor_styles
from components.changes import changes_html
from components.downloads import download_label, download_name, for_selected
from components.empty import NO_STORE, explain_empty, explain_no_sources
from components.legend import CSS, legend_html
from components.reader import article_meta, claims_frame, highlight, no_link_note
from components.refresh import refresh_due
from components.review import (
    DECISION_LABELS,
    FILTER_LABELS,
    claim_summary,
    country_choices,
    may_write,
    review_line,
    sentences_with_mentions,
    unlock,
)
from components.state import (
    CUSTOM_VIEW,
    DEFAULT_VIEW,
    REVIEW_FILTERS,
    STATUSES,
    VIEW_PRESETS,
    Options,
    ViewState,
    follow_data,
    month_range,
    parse_query,
    query_string,
    step_window,
    to_query,
    view_preset,
)
from components.tables import (
    at_least,
    evidence_total,
    fill_countries,
    restrict_to_layers,
    safe_url,
    shape_evidence_rows,
    shape_layer_rows,
    sources_html,
    with_all_links,
    with_first_reported,
)
from components.text import md_escape, one_line
from components.timeline import interval_frame, intervals_chart, intervals_html, monthly_frame, timeline_chart
from components.window_select import selection_key, window_from_selection
from geo import paths
from news.nearby import without_claimed
from news.review.apply import identity, latest_reviews, row_key
from news.review.log import append_reviews, read_reviews
from news.review.records import ReviewError, make_review
from news.review.schema import REASONS, STATES
from news.review.schema import STATUSES as REVIEW_STATUSES
from news.review.token import TokenError, server_token
from news.store import Store, queries, resolve_store
from news.store.alerts import change_records, parse_since, store_changes
from news.store.export import layers_geojson, to_csv_bytes
from news.store.ledger import store_ledger_frame, with_ledger
from news.store.snapshot import Snapshot

SAMPLE = paths.SAMPLE
PLAY_SECONDS = 1.2
REFRESH_SECONDS = 5  # how often an open page looks for a new ingest (a folder listing: cheap)
SOURCES_SHOWN = 200  # evidence rows drawn on the page (and all a rerun asks for); the CSV has them all
SOURCE_LINKS = 5  # a layer row's newest links in the table; the CSV and GeoJSON carry every one

st.set_page_config(page_title="Footprint — Russia and Wagner on the ground", page_icon="🗺️", layout="wide")
st.markdown(CSS, unsafe_allow_html=True)


# ---------------------------------------------------------------- store and cached queries


def _fingerprint(root: Path) -> tuple:
    """Changes whenever an ingest commits a batch (articles files are the commit records) or a
    review is stored (one file each): both change what the page shows."""
    folder = root / "articles"
    if not folder.is_dir():
        return ()
    reviews = root / "reviews"
    return (tuple(sorted(p.name for p in folder.glob("part-*.parquet")))
            + tuple(sorted(f"reviews/{p.name}" for p in reviews.glob("part-*.parquet"))))


@st.cache_resource(show_spinner="Building the store from the sample corpus…")
def ensure_store(root: str) -> str | None:
    """Ingest the sample once when the store has no articles; returns an error text or None."""
    path = Path(root)
    if _fingerprint(path) or not SAMPLE.exists():
        return None
    proc = subprocess.run(
        [sys.executable, "-m", "news", "ingest", str(SAMPLE), "--store", str(path)],
        cwd=paths.ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    return None if proc.returncode == 0 else (proc.stderr or proc.stdout)[-2000:]


def _key(state: ViewState) -> ViewState:
    """The part of the state the queries depend on (selection, view, reader and the minimum
    confidence do not: it is applied to the layer rows' combined figure, see ``at_least``)."""
    return replace(state, selected=None, view=DEFAULT_VIEW, article=None, min_confidence=0.0)


def _filters(state: ViewState):
    return queries.Filters(
        actors=tuple(state.actors),
        start=pd.Period(state.start, freq="M").start_time.date(),
        end=pd.Period(state.end, freq="M").end_time.date(),
        countries=tuple(state.countries),
        statuses=tuple(state.statuses),
        min_confidence=0.0,  # every claim counts; the threshold applies to the combined figure
        languages=tuple(state.languages),
        outlets=tuple(state.outlets),
        review=state.review,
    )


@st.cache_resource(max_entries=2, show_spinner="Reading the store…")
def snapshot(root: str, fp: tuple) -> Snapshot:
    """The store's tables in memory, once per fingerprint: the queries below run on it."""
    return Snapshot(root)


@st.cache_data(max_entries=8, show_spinner=False)
def cached_options(root: str, fp: tuple) -> dict:
    return queries.filter_options(snapshot(root, fp))


@st.cache_resource(max_entries=8, show_spinner=False)
def cached_parts(root: str, fp: tuple, others: queries.Filters) -> queries.MonthParts | None:
    """Per month partial aggregates for the other filters, built once while only the window moves.

    A resource, not data: shared read-only, never copied on a hit (its link ids are large).
    """
    return queries.month_parts(snapshot(root, fp), others)


def _parts(root: str, fp: tuple, state: ViewState) -> queries.MonthParts | None:
    return cached_parts(root, fp, queries.without_window(_filters(state)))


@st.cache_data(max_entries=64, show_spinner=False)
def cached_layers(root: str, fp: tuple, state: ViewState, links: int | None = 0) -> pd.DataFrame:
    """The layer rows with at most ``links`` source links each, newest first (the table shows
    ``SOURCE_LINKS``; counting rows or first reports needs none): every link of every row, hundreds
    of thousands at a million articles, is built only for a download (``layers_with_links``)."""
    return queries.layer_rows(snapshot(root, fp), _filters(state), parts=_parts(root, fp, state), links=links)


def layers_with_links(root: str, fp: tuple, state: ViewState, shown: pd.DataFrame) -> pd.DataFrame:
    """``shown`` with every source link of each row, for the CSV and GeoJSON: built on a click."""
    every = queries.layer_rows(snapshot(root, fp), _filters(_key(state)), parts=_parts(root, fp, _key(state)))
    return with_all_links(shown, every)


@st.cache_data(max_entries=64, show_spinner=False)
def cached_monthly(root: str, fp: tuple, state: ViewState) -> pd.DataFrame:
    # the timeline shows the whole period for the other filters: the window is drawn on it
    return queries.monthly_counts(snapshot(root, fp), _filters(state))


@st.cache_data(max_entries=64, show_spinner=False)
def cached_evidence(root: str, fp: tuple, state: ViewState, iso3: str | None) -> pd.DataFrame:
    """The evidence rows the page draws: the newest ``SOURCES_SHOWN`` (all of them go to the CSV only)."""
    return queries.evidence_rows(snapshot(root, fp), _filters(state), iso3=iso3, limit=SOURCES_SHOWN,
                                 parts=_parts(root, fp, state))


def evidence_csv(store: Snapshot, state: ViewState, shown: pd.DataFrame, shapes_: dict, query: dict) -> bytes:
    """Every evidence row behind the layer rows shown, as the CSV: built only when downloaded.

    The same query and shaping as the rows drawn, without the limit, so the page's list is the
    head of this file.
    """
    rows = restrict_to_layers(queries.evidence_rows(store, _filters(_key(state)), iso3=state.selected), shown)
    return to_csv_bytes(shape_evidence_rows(fill_countries(rows, shapes_), query).drop(columns=["link", "reader"]))


@st.cache_data(max_entries=64, show_spinner=False)
def cached_cities(root: str, fp: tuple, state: ViewState) -> pd.DataFrame:
    return queries.city_rows(snapshot(root, fp), _filters(state), parts=_parts(root, fp, state))


@st.cache_data(max_entries=64, show_spinner=False)
def cached_near(root: str, fp: tuple, state: ViewState) -> pd.DataFrame:
    return queries.near_city_rows(snapshot(root, fp), _filters(state), parts=_parts(root, fp, state))


@st.cache_data(max_entries=32, show_spinner=False)
def cached_article(root: str, fp: tuple, article_id: str):
    return queries.article_detail(Store(root), article_id)


@st.cache_resource(max_entries=2, show_spinner="Building the presence ledger…")  # shared, never copied: read only
def cached_ledger(root: str, fp: tuple) -> pd.DataFrame:
    """The presence ledger of every claim, once per store change, folded column-wise
    (news/ledger_frame.py: seconds at a million claims, where news/ledger.py took minutes)."""
    return store_ledger_frame(snapshot(root, fp))


@st.cache_data(max_entries=16, show_spinner=False)
def cached_stays(root: str, fp: tuple, actors: tuple[str, ...], where: tuple[str, ...], last_day: date,
                 names: tuple[tuple[str, str], ...], labels: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """The "presence over time" chart's stays. They depend on the actors, the countries shown
    and the store's last day, not on the window, so a window move that keeps the countries
    shown reuses them: a million articles hold a hundred thousand stays, over a second to shape."""
    return interval_frame(cached_ledger(root, fp), actors, where, last_day, dict(names), dict(labels))


@st.cache_data(max_entries=8, show_spinner=False)
def cached_changes(root: str, fp: tuple, since: str, labels: tuple[tuple[str, str], ...]) -> list[dict]:
    """The ledger's changes from articles ingested since ``since`` (news/changes.py), as records
    whose links are the article's URL or this page's reader view."""
    found, articles = store_changes(snapshot(root, fp), parse_since(since))
    return change_records(found, articles, dict(labels), dashboard="")


@st.cache_resource
def shapes() -> dict:
    return deckmod.country_shapes()


# ---------------------------------------------------------------- state


def _options(raw: dict, shapes_: dict) -> Options:
    first, last = raw.get("first_month") or "2014-01", raw.get("last_month") or "2014-01"
    return Options(
        actors=tuple(raw.get("actors") or ()),
        months=month_range(first, last),
        countries=tuple(sorted(set(raw.get("countries") or ()) | set(shapes_))),
        languages=tuple(raw.get("languages") or ()),
        outlets=tuple(raw.get("outlets") or ()),
    )


def _init_from_url(options: Options) -> None:
    """Once per session: the URL's state goes into the widgets' session keys."""
    if st.session_state.get("fp_init"):
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    state, notes = parse_query(params, options)
    ss = st.session_state
    ss.fp_notes = notes
    ss.f_actors = list(state.actors)
    ss.fp_window = (state.start, state.end)  # the window asked for; the slider starts there
    ss.fp_wver = 0  # a programmatic change (step, play) draws a fresh slider at the new window
    ss.f_countries = list(state.countries)
    ss.f_status = list(state.statuses)
    ss.f_conf = float(state.min_confidence)
    ss.f_lang = list(state.languages)
    ss.f_outlet = list(state.outlets)
    ss.f_sel = state.selected or ""
    ss.fp_view = state.view
    ss.f_viewp = view_preset(state.view)
    ss.fp_article = state.article
    ss.f_review = state.review
    ss.f_since = pd.Timestamp(state.since).date() if state.since else None
    ss.fp_last_click = None
    ss.fp_playing = False
    ss.fp_init = True


def _follow_new_data(options: Options) -> None:
    """When an ingest changed the store's months, move the window's edges that sat on the data's
    edges along with it (``follow_data``): an open page then shows the new months, and the URL
    gains no month the user did not choose."""
    ss = st.session_state
    seen = ss.get("fp_months")
    if seen is not None and seen != options.months:
        window = follow_data(_window(), seen, options.months)
        if window != _window():
            _move_window(window)
    ss.fp_months = options.months


@st.fragment(run_every=REFRESH_SECONDS)
def _watch_store(root: str, fp: tuple) -> None:
    """Reruns the page when an ingest has committed since it was drawn.

    Streamlit reruns the page only on an interaction: without this an open page kept the old
    data (and window) until the next click. The fragment draws nothing; every few seconds it
    compares the store's fingerprint with the one the page was drawn from, and redraws once the
    ingest is quiet or the page has lagged too long (components/refresh.py says why).
    """
    due, st.session_state.fp_pending = refresh_due(fp, _fingerprint(Path(root)),
                                                   st.session_state.get("fp_pending"), time.monotonic())
    if due:
        st.rerun()  # the whole page: the caches are keyed on the new fingerprint


def _window() -> tuple[str, str]:
    ss = st.session_state
    value = ss.get(f"f_window_{ss.fp_wver}", ss.fp_window)
    return tuple(value) if isinstance(value, (list, tuple)) and len(value) == 2 else ss.fp_window


def _move_window(window: tuple[str, str]) -> None:
    ss = st.session_state
    ss.fp_window = tuple(window)
    ss.fp_wver += 1


def _state_from_widgets(options: Options) -> ViewState:
    ss = st.session_state
    start, end = _window()
    return ViewState(
        actors=tuple(a for a in options.actors if a in ss.f_actors),
        start=start,
        end=end,
        countries=tuple(ss.f_countries),
        statuses=tuple(s for s in STATUSES if s in ss.f_status),
        min_confidence=round(float(ss.f_conf), 2),
        languages=tuple(ss.f_lang),
        outlets=tuple(ss.f_outlet),
        selected=ss.f_sel or None,
        view=ss.fp_view,
        article=ss.fp_article,
        review=ss.f_review if ss.get("f_review") in REVIEW_FILTERS else "",
        since=ss.f_since.isoformat() if ss.get("f_since") else None,
    )


def _window_from_chart(event, key: str, options: Options) -> None:
    """A new brush or click on a timeline chart becomes the date window (and so from=/to=).

    Acts once per new selection: the same selection handed back on a later rerun (after a
    filter change) leaves the window alone, as the map's click does for the country.
    """
    ss = st.session_state
    sel = getattr(event, "selection", None) if event is not None else None
    seen = ss.setdefault("fp_last_brush", {})
    new = selection_key(sel)
    if new == seen.get(key):
        return
    seen[key] = new
    window = window_from_selection(sel, options.months)
    if window and window != _window():
        _move_window(window)
        st.rerun()


def _write_url(state: ViewState, options: Options) -> None:
    q = to_query(state, options)
    current = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    wanted = {k: [v] if isinstance(v, str) else list(v) for k, v in q.items()}
    if current != wanted:
        st.query_params.from_dict(q)


def _apply_view_preset() -> None:
    ss = st.session_state
    ss.fp_view = VIEW_PRESETS.get(ss.f_viewp, ss.fp_view)


# ---------------------------------------------------------------- views


def sidebar(options: Options, styles: dict, names: dict) -> None:
    ss = st.session_state
    with st.sidebar:
        st.header("Filters")
        st.multiselect("Actors", options.actors, key="f_actors", format_func=lambda a: styles[a].label)
        st.select_slider("Date window (months)", options=list(options.months), value=ss.fp_window,
                         key=f"f_window_{ss.fp_wver}")
        c1, c2, c3 = st.columns(3)
        if c1.button("◀ Step", help="Move the window one month earlier", width="stretch"):
            i, j = (options.months.index(m) for m in _window())
            if i > 0:
                _move_window((options.months[i - 1], options.months[j - 1]))
                st.rerun()
        if c2.button("⏸ Pause" if ss.fp_playing else "▶ Play", key="play", width="stretch",
                     help="Step the window through time, a month a second"):
            ss.fp_playing = not ss.fp_playing
            st.rerun()
        if c3.button("Step ▶", help="Move the window one month later", width="stretch"):
            state = _state_from_widgets(options)
            nxt, _ = step_window(state, options)
            _move_window((nxt.start, nxt.end))
            st.rerun()
        st.caption("Status is shown as of the window's end.")
        st.multiselect("Countries", options.countries, key="f_countries",
                       format_func=lambda i: f"{names.get(i, i)} ({i})", placeholder="All countries",
                       # "Mali" + Enter picks Mali: no fuzzy matches, no "Select N matches" entry first
                       filter_mode="prefix", select_all=False)
        st.multiselect("Status", list(STATUSES), key="f_status")
        st.slider("Minimum confidence (combined)", 0.0, 1.0, step=0.05, key="f_conf",
                  help="Hides actor × country rows whose confidence, the figure the table and tooltip "
                       "show (all their claims combined), is below this. A row shown lists all its claims.")
        st.multiselect("Language", options.languages, key="f_lang", placeholder="All languages", format_func=one_line)
        st.multiselect("Outlet", options.outlets, key="f_outlet", placeholder="All outlets", format_func=one_line)
        st.selectbox("Claims", REVIEW_FILTERS, key="f_review", format_func=FILTER_LABELS.get,
                     help="Claims as the machine read them and nobody reviewed, those an analyst reviewed, or both. "
                          "Rejected claims are never shown.")
        st.date_input("What changed since", key="f_since", format="YYYY-MM-DD",
                      help="Lists what the articles ingested since this day (UTC) changed in the presence "
                           "ledger: new countries, departures, returns, contradictions. Kept in the link.")
        presets = list(VIEW_PRESETS) + ([CUSTOM_VIEW] if ss.f_viewp == CUSTOM_VIEW else [])
        st.selectbox("Map view", presets, key="f_viewp", on_change=_apply_view_preset,
                     help="Streamlit does not tell the app where you panned or zoomed: choose a view "
                          "here to put it in the link.")
        st.caption("Every filter, the selected country and the chosen map view are in the page's address: "
                   "copy it to share this view. Panning or zooming by hand is not saved in the link.")


def reader_view(root: str, fp: tuple, state: ViewState, options: Options, labels: dict, names: dict) -> None:
    back = to_query(replace(state, article=None), options)
    detail = cached_article(root, fp, state.article)
    st.markdown(f'<a href="{html.escape(query_string(back))}" target="_self">← Back to the map</a>',
                unsafe_allow_html=True)
    if detail is None:
        st.warning("No article with this id in the store. It may have been removed, or the link is cut short.")
        return
    art = detail["article"] if isinstance(detail, dict) and "article" in detail else detail
    mentions = detail.get("mentions", []) if isinstance(detail, dict) else []
    claims = detail.get("claims", []) if isinstance(detail, dict) else []
    if isinstance(mentions, pd.DataFrame):
        mentions = mentions.to_dict(orient="records")
    if isinstance(claims, pd.DataFrame):
        claims = claims.to_dict(orient="records")
    st.subheader(md_escape(art.get("title")) or "(untitled)", anchor=False)
    st.caption(article_meta(art))
    url = safe_url(art.get("url"))
    if url:
        st.link_button("Open the original article ↗", url)
    else:
        st.caption(no_link_note(art.get("source"), SAMPLE))
    st.markdown(
        '<div class="fp-li"><mark class="fp-mention">place mention</mark>'
        '<mark class="fp-claim">presence claim sentence</mark><mark class="fp-cue">cue</mark></div>',
        unsafe_allow_html=True,
    )
    st.markdown(f'<div class="fp-article">{highlight(str(art.get("text") or ""), mentions, claims)}</div>',
                unsafe_allow_html=True)
    if claims:
        st.markdown("**Claims in this article**")
        st.dataframe(claims_frame(claims), hide_index=True, width="stretch")
    article_reviews(root, str(art.get("id")), labels)
    if _may_write():
        review_messages()
        for claim in claims:
            claim_review_form(claim, options, labels, names, "reader")
        add_claim_form(str(art.get("id")), str(art.get("text") or ""), mentions, options, labels, names)


# ---------------------------------------------------------------- review (issue 18)
# Writing needs a server token (news/review/token.py) and this session having entered it; the
# check is made again in every write (``_save``), so no URL or stale widget reaches the store.


def _server_token() -> str | None:
    try:
        return server_token()
    except TokenError as exc:  # the message names the variable or file, never the token
        st.session_state.fp_token_error = str(exc)
        return None


def _may_write() -> bool:
    return may_write(_server_token(), st.session_state.get("fp_review_ok") is True)


def _unlock() -> None:
    ss = st.session_state
    entered, name = ss.get("rv_token", ""), " ".join(str(ss.get("rv_name", "")).split())[:80]
    ss.rv_token = ""  # the token is not kept in the session past this callback
    if unlock(entered, _server_token()) and name:
        ss.fp_review_ok, ss.fp_reviewer, ss.fp_review_msg = True, name, None
    else:
        time.sleep(1.0)  # slows guessing down
        ss.fp_review_ok = False
        ss.fp_review_msg = "That token does not open reviewing (a name is needed too). Nothing can be written."


def _lock() -> None:
    st.session_state.fp_review_ok = False


def review_login() -> None:
    """The sidebar's Review box, only on a server started with a token: enter it once a session."""
    ss = st.session_state
    if _server_token() is None:
        if ss.get("fp_token_error"):
            st.sidebar.error(md_escape(f"Reviewing is off: {ss.fp_token_error}."))
        return
    with st.sidebar:
        st.header("Review")
        if ss.get("fp_review_ok"):
            st.caption(f"Reviewing as {md_escape(ss.fp_reviewer)}: the reader view and the sources list "
                       "offer a review form for each claim.")
            st.button("Stop reviewing", on_click=_lock, key="rv_lock")
        else:
            with st.form("rv_login", clear_on_submit=True):
                st.text_input("Your name", key="rv_name", max_chars=80)
                st.text_input("Reviewer token", key="rv_token", type="password")
                st.form_submit_button("Start reviewing", on_click=_unlock)
        if ss.get("fp_review_msg"):
            st.error(md_escape(ss.fp_review_msg))


def _save(claim: dict, decision: str, actors: tuple[str, ...], **extra) -> None:
    """Store one review made on the page, after checking again that this session may write."""
    ss = st.session_state
    if not _may_write():
        ss.fp_review_msg = "Reviewing is not open in this session: nothing was stored."
        return
    store = Store(resolve_store(None))
    target = identity(claim, latest_reviews(read_reviews(store)))
    if decision == "correct":  # only what differs from the claim as first made is a correction
        extra = {f"new_{c}": v for c in ("actor", "iso3", "status") if (v := extra.get(f"new_{c}")) != target[c]}
    try:
        review = make_review(article_id=target["article_id"], sentence=target["sentence"], actor=target["actor"],
                             iso3=target["iso3"], status=target["status"], decision=decision,
                             reviewer=ss.fp_reviewer, actors=actors, **extra)
    except ReviewError as exc:
        ss.fp_review_msg = str(exc)
        return
    append_reviews(store, [review])
    ss.fp_review_msg = None
    ss.fp_review_done = f"Stored: {STATES[decision]} ({review['actor']} · {review['iso3']})."


def _submit_claim(claim: dict, fk: str, actors: tuple[str, ...]) -> None:
    ss = st.session_state
    decision, note = ss.get(f"{fk}_d"), ss.get(f"{fk}_note") or None
    if decision == "reject":
        _save(claim, "reject", actors, reason=ss.get(f"{fk}_reason"), note=note)
    elif decision == "correct":
        _save(claim, "correct", actors, new_actor=ss.get(f"{fk}_actor"), new_iso3=ss.get(f"{fk}_iso3"),
              new_status=ss.get(f"{fk}_status"), note=note)
    else:
        _save(claim, "confirm", actors, note=note)


def claim_review_form(claim: dict, options: Options, labels: dict, names: dict, where: str) -> None:
    """Confirm, reject (with a reason) or correct one claim."""
    claim = {k: (None if isinstance(v, float) and v != v else v) for k, v in claim.items()}
    fk = f"rv_{where}_{row_key(claim)}"
    actors = list(options.actors)
    with st.form(fk):
        st.markdown(claim_summary(claim, labels, names))
        st.radio("Decision", list(DECISION_LABELS), key=f"{fk}_d", format_func=DECISION_LABELS.get, horizontal=True)
        c1, c2, c3, c4 = st.columns(4)
        c1.selectbox("Reason (to reject)", list(REASONS), key=f"{fk}_reason", format_func=REASONS.get)
        c2.selectbox("Actor (to correct)", actors, key=f"{fk}_actor", format_func=lambda a: labels.get(a, a),
                     index=actors.index(claim["actor"]) if claim.get("actor") in actors else 0)
        c3.selectbox("Country (to correct)", country_choices(claim.get("iso3"), options.countries), key=f"{fk}_iso3",
                     format_func=lambda i: f"{names.get(i, i)} ({i})")
        c4.selectbox("Status (to correct)", list(REVIEW_STATUSES), key=f"{fk}_status",
                     index=REVIEW_STATUSES.index(claim["status"]) if claim.get("status") in REVIEW_STATUSES else 0)
        st.text_input("Note (optional)", key=f"{fk}_note", max_chars=500)
        st.form_submit_button("Save review", on_click=_submit_claim, args=(claim, fk, tuple(actors)))


def _submit_add(article_id: str, sentences: list[str], actors: tuple[str, ...]) -> None:
    ss = st.session_state
    i = ss.get("rv_add_s")
    if not isinstance(i, int) or not 0 <= i < len(sentences):
        ss.fp_review_msg = "Choose a sentence to add the claim to."
        return
    claim = {"article_id": article_id, "evidence": sentences[i], "actor": ss.get("rv_add_actor"),
             "iso3": ss.get("rv_add_iso3"), "status": ss.get("rv_add_status")}
    _save(claim, "add", actors, note=ss.get("rv_add_note") or None)


def add_claim_form(article_id: str, text: str, mentions: list[dict], options: Options, labels: dict,
                   names: dict) -> None:
    """Add a claim the machine missed, from one of the article's highlighted sentences."""
    sentences = sentences_with_mentions(text, mentions)
    if not sentences:
        return
    with st.form("rv_add"):
        st.markdown("**Add a claim the machine missed**")
        st.selectbox("Sentence (one with a highlighted place)", list(range(len(sentences))), key="rv_add_s",
                     format_func=lambda i: one_line(sentences[i], 160))
        c1, c2, c3 = st.columns(3)
        c1.selectbox("Actor", list(options.actors), key="rv_add_actor", format_func=lambda a: labels.get(a, a))
        c2.selectbox("Country", list(options.countries), key="rv_add_iso3", format_func=lambda i: f"{names.get(i, i)} ({i})")
        c3.selectbox("Status", list(REVIEW_STATUSES), key="rv_add_status")
        st.text_input("Note (optional)", key="rv_add_note", max_chars=500)
        st.form_submit_button("Add claim", on_click=_submit_add, args=(article_id, sentences, tuple(options.actors)))


def review_messages() -> None:
    ss = st.session_state
    if ss.get("fp_review_done"):
        st.success(md_escape(ss.fp_review_done))
        ss.fp_review_done = None


def article_reviews(root: str, article_id: str, labels: dict) -> None:
    """The latest review of each claim of the article (rejected ones included), for everyone."""
    reviews = latest_reviews(read_reviews(Store(root)))
    mine = reviews[reviews["article_id"] == article_id]
    if len(mine):
        st.markdown("**Reviews of this article**")
        st.markdown('<ul class="fp-reviews">' + "".join(f"<li>{review_line(r, labels)}</li>"
                                                        for r in mine.to_dict(orient="records")) + "</ul>",
                    unsafe_allow_html=True)


def main() -> None:
    root = str(resolve_store(None))
    error = ensure_store(root)
    fp = _fingerprint(Path(root))
    _watch_store(root, fp)
    st.title("Footprint", anchor=False)
    st.caption("Where Russia and the Wagner Group are reported on the ground, from the news. "
               "Every coloured country leads back to the sentences behind it.")
    if not fp:
        if error:
            st.error("Building the store from the sample failed:")
            st.code(error, language=None)  # shown as is, never as Markdown
        st.info(NO_STORE.format(root=root))
        return

    shapes_ = shapes()
    names = {k: v["name"] for k, v in shapes_.items()}
    options = _options(cached_options(root, fp), shapes_)
    styles = actor_styles(list(options.actors))
    labels = {k: s.label for k, s in styles.items()}
    _init_from_url(options)
    _follow_new_data(options)
    for note in st.session_state.get("fp_notes", []):
        st.warning(md_escape(note), icon="⚠️")
    for name, why in snapshot(root, fp).ignored.items():  # named inside the store: no server paths
        st.warning(md_escape(f"Ignored the store file {name}: {why}. The rest of the store is shown."), icon="⚠️")

    review_login()
    if st.session_state.fp_article:
        reader_view(root, fp, _state_from_widgets(options), options, labels, names)
        _write_url(_state_from_widgets(options), options)
        return

    sidebar(options, styles, names)
    state = _state_from_widgets(options)
    rows = at_least(cached_layers(root, fp, _key(state), SOURCE_LINKS), state.min_confidence)
    # first_seen: the pair's first report overall, not the first inside the window
    rows = with_first_reported(rows, cached_layers(root, fp, _key(replace(state, start=options.months[0]))))
    ledger = cached_ledger(root, fp)
    if rows is not None:  # first reported / last confirmed / independent sources / contradicted, as of the window's end
        rows = with_ledger(rows, ledger, pd.Period(state.end, freq="M").end_time.date())
    shown = shape_layer_rows(fill_countries(rows, shapes_))
    cities = restrict_to_layers(cached_cities(root, fp, _key(state)), shown)
    near = without_claimed(restrict_to_layers(cached_near(root, fp, _key(state)), shown), cities)

    map_col, legend_col = st.columns([5, 1])
    bundle = deckmod.build_deck(shown, shapes_, styles, window_end=state.end, view=state.view,
                                selected=state.selected, cities=cities, near=near,
                                locale=st.context.locale)
    with map_col:
        event = st.pydeck_chart(bundle.deck, on_select="rerun", selection_mode="single-object", key="map",
                                height=520, alt="Map of countries where the selected actors are reported")
    with legend_col:
        st.markdown(legend_html(styles, list(state.actors), state.end, cities=len(cities) > 0, near=len(near) > 0),
                    unsafe_allow_html=True)
        st.metric("Countries shown", shown["iso3"].nunique())
    # a new click selects its country; the same selection seen again (after a filter change) does not
    sel = getattr(event, "selection", None) if event is not None else None
    if not (sel and sel.get("indices")):  # a rerun may hand back an empty event (Streamlit issue 10742)
        sel = (st.session_state.get("map") or {}).get("selection") or sel
    click_key = repr(sel.get("indices")) if sel else None
    if click_key != st.session_state.fp_last_click:
        st.session_state.fp_last_click = click_key
        picked = deckmod.selected_iso3(sel, bundle.index)
        if picked and picked != st.session_state.f_sel:
            st.session_state.f_sel = picked
            st.rerun()

    if shown.empty:
        st.info(explain_empty(state, options,
                              lambda s: len(at_least(cached_layers(root, fp, _key(s)), s.min_confidence))))

    if state.since:
        st.subheader(f"What changed since {state.since}", anchor=False)
        st.caption("From the articles ingested since that day (UTC), whatever their publication date: "
                   "`footprint changes --since` gives the same as an Atom feed.")
        records = cached_changes(root, fp, state.since, tuple(sorted(labels.items())))
        st.markdown(changes_html(records, state.since), unsafe_allow_html=True)

    st.subheader("Timeline", anchor=False)
    monthly = monthly_frame(cached_monthly(root, fp, _key(replace(state, start=options.months[0], end=options.months[-1]))),
                            options.months, list(state.actors))
    st.caption("Drag across a chart, or click a month's bar, to make those months the date window.")
    _window_from_chart(st.altair_chart(timeline_chart(monthly, styles, state.start, state.end), width="stretch",
                                       key="tl_counts", on_select="rerun"), "tl_counts", options)
    where = [state.selected] if state.selected else sorted(set(shown["iso3"]))
    stays = cached_stays(root, fp, tuple(state.actors), tuple(where),
                         pd.Period(options.months[-1], freq="M").end_time.date(),
                         tuple(sorted(names.items())), tuple(sorted(labels.items())))
    st.markdown("**Presence over time**" + (f" in {md_escape(names.get(state.selected, state.selected))}"
                                            if state.selected else "") + " (▶ first reported, ✕ ended)")
    if stays.empty:
        st.caption("No stay of the selected actors in these countries.")
    else:
        _window_from_chart(st.altair_chart(intervals_chart(stays, styles, state.start, state.end), width="stretch",
                                           key="tl_stays", on_select="rerun"), "tl_stays", options)
        st.markdown(intervals_html(stays), unsafe_allow_html=True)

    st.subheader(f"Layer rows ({len(shown)})", anchor=False)
    st.caption(f"One row per actor and country, status as of {state.end}. The map draws exactly these rows. "
               "first_seen is the first report ever (also before the window); the other figures count "
               "the window. Independent sources count a story once however many outlets reprinted it. "
               "first_reported, last_confirmed, independent_sources and contradicted come from the presence "
               "ledger: the stay current at the window's end (`footprint ledger` prints every stay). "
               f"The table lists each row's newest {SOURCE_LINKS} links; the downloads carry every one.")
    st.dataframe(shown, hide_index=True, width="stretch", key="layer_table",
                 column_config={"source_urls": st.column_config.TextColumn(
                                    "newest links", help=f"The newest {SOURCE_LINKS} links of the row's articles "
                                                         "in the window; the CSV and GeoJSON carry every one"),
                                "sources": st.column_config.NumberColumn("independent sources")})
    d1, d2, d3 = st.columns(3)
    # every file follows the selected country (as the sources list does) and names its filters
    country_label = md_escape(names.get(state.selected, state.selected)) if state.selected else None
    shown_here = for_selected(shown, state.selected)
    # the files are built only when their button is clicked
    d1.download_button(download_label("layer rows (CSV)", len(shown_here), "row", country_label),
                       lambda: to_csv_bytes(layers_with_links(root, fp, state, shown_here)),
                       download_name("layers", state, options, "csv"),
                       "text/csv", on_click="ignore", key="dl_layers")
    d3.download_button(download_label("layers (GeoJSON)", len(shown_here), "feature", country_label),
                       lambda: layers_geojson(layers_with_links(root, fp, state, shown_here)).encode("utf-8"),
                       download_name("layers", state, options, "geojson"), "application/geo+json",
                       on_click="ignore", key="dl_geojson")

    st.subheader("Sources", anchor=False)
    country_choices = [""] + sorted(set(shown["iso3"]) | ({state.selected} if state.selected else set()),
                                    key=lambda i: names.get(i, i))
    st.selectbox("Country (click one on the map)", country_choices, key="f_sel",
                 format_func=lambda i: "All countries shown" if not i else f"{names.get(i, i)} ({i})")
    state = _state_from_widgets(options)
    drawn = restrict_to_layers(cached_evidence(root, fp, _key(state), state.selected), shown)
    query = to_query(state, options)
    n_evidence = evidence_total(shown, state.selected)
    evidence = shape_evidence_rows(fill_countries(drawn, shapes_), query)
    d2.download_button(
        download_label("evidence rows (CSV)", n_evidence, "sentence", country_label),
        partial(evidence_csv, snapshot(root, fp), state, shown, shapes_, query),
        download_name("evidence", state, options, "csv"), "text/csv", on_click="ignore", key="dl_evidence")
    if evidence.empty and shown.empty:
        st.info("No evidence sentences: no rows match the filters (see the advice above the timeline).")
    elif evidence.empty:
        def count_here(s: ViewState) -> int:
            rows_ = at_least(cached_layers(root, fp, _key(s)), s.min_confidence)
            return int((rows_["iso3"] == state.selected).sum()) if len(rows_) else 0

        st.info(md_escape(explain_no_sources(names.get(state.selected, state.selected), state, options, count_here)))
    else:
        n_articles = evidence["article_id"].nunique()
        st.caption(f"{n_evidence:,} evidence sentence{'s' * (n_evidence != 1)}, newest first, grouped by article "
                   f"({n_articles:,} article{'s' * (n_articles != 1)} listed)"
                   + (f" (showing the first {SOURCES_SHOWN}; download the CSV for all)" if n_evidence > SOURCES_SHOWN else "")
                   + ". A title opens the reader view; “original ↗” opens the article where it was published.")
        st.markdown(sources_html(evidence, labels, limit=SOURCES_SHOWN), unsafe_allow_html=True)
    if _may_write() and len(drawn):
        with st.expander("Review a claim listed here", expanded=bool(st.session_state.get("fp_review_done"))):
            review_messages()
            picks = drawn.head(SOURCES_SHOWN).to_dict(orient="records")
            i = st.selectbox("Claim", list(range(len(picks))), key="rv_src_pick",
                             format_func=lambda i: one_line(f"{picks[i]['actor']} · {picks[i]['iso3']} · "
                                                            f"{picks[i]['status']} · {picks[i]['evidence']}", 160))
            claim_review_form(picks[i or 0], options, labels, names, "src")

    _write_url(state, options)

    if st.session_state.fp_playing:
        nxt, more = step_window(state, options)
        if not more and nxt == state:
            st.session_state.fp_playing = False
        else:
            time.sleep(PLAY_SECONDS)
            _move_window((nxt.start, nxt.end))
            if not more:
                st.session_state.fp_playing = False
            st.rerun()


main()
