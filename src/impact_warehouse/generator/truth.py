"""The by-construction truth: every indicator of marts.impact_indicators from the simulated
records, with the METHODOLOGY.md rules applied to the latest version of each record.

The generator decided each population by quota (simulate.py); this module recounts the
decisions with the rules (so that traps are resolved exactly as the warehouse must resolve
them) and `check_design` asserts both agree.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from impact_warehouse.indicators import INDICATORS, SEGMENTS

from . import countries as C
from .model import NULL, TECH_DOMAINS, YEARS, span_end, year_start
from .simulate import World
from .timeutil import add_months, paris_day, year_of_day

JOB_SITUATIONS = {"employed", "self_employed", "business_creation", "apprenticeship"}
POSITIVE_TYPES = {
    "new_job",
    "new_internship",
    "new_apprenticeship",
    "business_creation",
    "promotion",
    "salary_increase",
    "internal_mobility",
}


EPOCH = dt.date(1970, 1, 1)


def add_months_1(d: int, k: int) -> int:
    """One date (days since epoch) plus k calendar months, end-of-month clamp."""
    date = EPOCH + dt.timedelta(days=d)
    m = date.month - 1 + k
    y, m = date.year + m // 12, m % 12 + 1
    last = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return (dt.date(y, m, min(date.day, last)) - EPOCH).days


def _row(indicator: str, year: int, num: int, den: int | None, segment: str = "all") -> dict:
    if den is None:
        value = float(num)
    else:
        value = None if den == 0 else num / den
    return {
        "indicator": indicator,
        "year": int(year),
        "segment": segment,
        "numerator": int(num),
        "denominator": None if den is None else int(den),
        "value": value,
    }


def compute_truth(w: World, logins: dict) -> list[dict]:
    rows: list[dict] = []
    test = w.users["is_test"]
    a, e = w.applications, w.enrollments
    # ---------------------------------------------------------------- M-ORI
    a_ok = ~test[a["user"]]
    a_year = year_of_day(paris_day(a["submitted_at"]))
    live_e = ~e["cancelled"] & ~test[e["user"]]
    linked_apps = np.zeros(len(a["user"]), bool)
    has_app = live_e & (e["app"] != NULL)
    linked_apps[e["app"][has_app]] = True
    applicants = {}
    for y in YEARS:
        sel = a_ok & (a_year == y)
        n_app = len(np.unique(a["user"][sel]))
        n_conv = len(np.unique(a["user"][sel & linked_apps]))
        applicants[y] = n_app
        rows.append(_row("applicants", y, n_app, None))
        rows.append(_row("orientation_rate", y, n_conv, n_app))
        if y - 1 in applicants:
            r = _row("applicants_growth", y, n_app, applicants[y - 1])
            r["value"] = n_app / applicants[y - 1] - 1
            rows.append(r)
    # ---------------------------------------------------------------- M-GRA
    ey = year_of_day(e["expected"])
    g, s, x = e["grad"], e["start"], e["expected"]
    done = g != NULL
    on_time = done & (g <= x)
    within = done & (2 * (g - s) <= 3 * (x - s))
    # reporting years only: cohorts due after the report date's year (2025, 2026) get no
    # figure (G-8, as the warehouse reads it)
    for y in YEARS:
        c = live_e & (ey == y)
        rows.append(_row("graduation_rate", y, int((c & on_time).sum()), int(c.sum())))
        rows.append(_row("graduation_rate_150", y, int((c & within).sum()), int(c.sum())))
    # ---------------------------------------------------------------- M-PLA
    r = w.responses
    r_ok = ~test[r["user"]]
    r_day = paris_day(r["collected"])
    gy = np.where(done, year_of_day(np.where(done, g, 0)), 0)
    win = add_months(np.where(done, g, 0), 6)
    r_enr = r["enr"]
    # M-PLA-4: June 30 of the year after graduation (Jan 1 of Y+1, + 6 months, - 1 day)
    safe_gy = np.where(done[r_enr], gy[r_enr], 2000)
    r_cut = np.where(done[r_enr], add_months(year_start(safe_gy + 1), 6) - 1, 0)
    in_time = r_ok & (r_day <= r_cut)
    is_job = np.isin(r["situation"], list(JOB_SITUATIONS))
    qualifies = in_time & is_job & (r["job_start"] != NULL) & (r["job_start"] <= win[r_enr])
    placed = np.zeros(len(e["user"]), bool)
    placed[r_enr[qualifies]] = True
    responded = np.zeros(len(e["user"]), bool)
    responded[r_enr[in_time & (r["situation"] != "no_answer")]] = True
    # M-PLA-6: a 12-month window (same clamp), responses collected by December 31 of Y+1
    win_12m = add_months(np.where(done, g, 0), 12)
    r_cut_12m = np.where(done[r_enr], year_start(safe_gy + 2) - 1, 0)
    qualifies_12m = (
        r_ok
        & (r_day <= r_cut_12m)
        & is_job
        & (r["job_start"] != NULL)
        & (r["job_start"] <= win_12m[r_enr])
    )
    placed_12m = np.zeros(len(e["user"]), bool)
    placed_12m[r_enr[qualifies_12m]] = True
    apprentice = e["funding"] == 3
    for y in YEARS:
        c = live_e & done & (gy == y)
        rows.append(_row("job_placement_rate", y, int((c & placed).sum()), int(c.sum())))
        rows.append(_row("job_placement_rate_12m", y, int((c & placed_12m).sum()), int(c.sum())))
        ca = c & apprentice
        rows.append(
            _row("apprentice_job_placement_rate", y, int((ca & placed).sum()), int(ca.sum()))
        )
        rows.append(_row("placement_response_rate", y, int((c & responded).sum()), int(c.sum())))
    # ---------------------------------------------------------------- M-CAR
    rows += career_rows(w)
    # ---------------------------------------------------------------- M-DEM / M-UND / M-RES / M-TEC
    rows += demographic_rows(w, live_e)
    # ---------------------------------------------------------------- M-REA
    for y in YEARS:
        rows.append(_row("free_users", y, int(logins["free_users"][y]), None))
        rows.append(_row("free_user_countries", y, int(logins["countries"][y]), None))
    order = {name: i for i, name in enumerate(INDICATORS)}
    seg_order = {name: i for i, name in enumerate(SEGMENTS)}
    rows.sort(key=lambda t: (order[t["indicator"]], t["year"], seg_order[t["segment"]]))
    return rows


def career_rows(w: World) -> list[dict]:
    """M-CAR-1..4. Declarers' logins: the generator's dormant declarers log in only through
    forced logins, and student/apprentice declarations lie inside an enrolment span, so the
    forced logins are every login that can decide activity."""
    d, e, users = w.declarations, w.enrollments, w.users
    test = users["is_test"]
    dday = paris_day(d["declared"])
    ok = (~test[d["user"]]) & (d["credits"] == True) & np.isin(d["otype"], list(POSITIVE_TYPES))  # noqa: E712
    deleted = users["deleted"][d["user"]]
    ok &= (deleted == NULL) | (d["declared"] < deleted)
    # enrolment spans per user (non-cancelled)
    live = ~e["cancelled"]
    sp_end = span_end(e["grad"], e["ended"], e["expected"])
    spans: dict[int, list[tuple[int, int, bool]]] = {}
    cand_users = set(d["user"][ok].tolist())
    for i in np.flatnonzero(live & np.isin(e["user"], list(cand_users))):
        spans.setdefault(int(e["user"][i]), []).append(
            (int(e["start"][i]), int(sp_end[i]), bool(e["funding"][i] == 3))
        )
    fl = w.forced_logins
    login_days: dict[int, list[int]] = {}
    sel = np.isin(fl["user"], list(cand_users))
    for u, dd in zip(fl["user"][sel].tolist(), paris_day(fl["utc"][sel]).tolist(), strict=True):
        login_days.setdefault(u, []).append(dd)
    idx = np.flatnonzero(ok)
    idx = idx[np.lexsort((d["id"][idx], d["declared"][idx], d["user"][idx]))]
    counted: dict[tuple[int, str], int] = {}
    last: dict[int, int] = {}
    for i in idx.tolist():
        u, dd = int(d["user"][i]), int(dday[i])
        sp = spans.get(u, [])
        covering = [app for (a0, a1, app) in sp if a0 <= dd <= a1]
        active = bool(covering) or any(dd - 365 <= ld <= dd for ld in login_days.get(u, []))
        if not active:
            continue
        if u in last and dd < add_months_1(last[u], 12):
            continue
        last[u] = dd
        seg = "apprentice" if any(covering) else ("student" if covering else "free_user")
        y = (EPOCH + dt.timedelta(days=dd)).year
        counted[(y, seg)] = counted.get((y, seg), 0) + 1
    rows = []
    for y in YEARS:
        segs = {s: counted.get((y, s), 0) for s in ("student", "apprentice", "free_user")}
        rows.append(_row("career_outcomes", y, sum(segs.values()), None, "all"))
        for s, v in segs.items():
            rows.append(_row("career_outcomes", y, v, None, s))
    return rows


def demographic_rows(w: World, live_e: np.ndarray) -> list[dict]:
    e, p, ad, users = w.enrollments, w.profiles, w.addresses, w.users
    m = len(e["user"])
    idx = np.flatnonzero(live_e)
    idx = idx[
        np.lexsort((e["id"][idx], e["start"][idx], year_of_day(e["start"][idx]), e["user"][idx]))
    ]
    yrs = year_of_day(e["start"][idx])
    key_u, key_y = e["user"][idx], yrs
    first = idx[np.r_[True, (key_u[1:] != key_u[:-1]) | (key_y[1:] != key_y[:-1])]]
    # latest profile per enrolment (collected_at, then profile_id)
    po = np.lexsort((p["id"], p["collected"], p["enr"]))
    last_of = po[np.r_[p["enr"][po][1:] != p["enr"][po][:-1], True]]
    prof = np.full(m, -1, np.int64)
    prof[p["enr"][last_of]] = last_of
    # address at start: latest valid_from <= start (ties: greatest id), else earliest
    by_user: dict[int, list[int]] = {}
    for i, u in enumerate(ad["user"].tolist()):
        by_user.setdefault(u, []).append(i)
    is_tech_path = np.array([dom in TECH_DOMAINS for dom in w.paths["domain"]])
    rows = []
    for y in YEARS:
        st = first[year_of_day(e["start"][first]) == y]
        n = len(st)
        pr = prof[st]
        has = pr >= 0

        def val(col: str, pr=pr, has=has) -> np.ndarray:
            out = np.full(len(pr), None, dtype=object)
            out[has] = p[col][pr[has]]
            return out

        unemployed = val("emp") == "unemployed"
        low = np.isin(val("qual"), ["none", "cap_bep", "bac"])
        refugee = val("ref") == "yes"
        disab = val("dis") == "yes"
        group = []
        in_fr_exact = np.zeros(n, bool)
        qpv = np.zeros(n, bool)
        for j, ei in enumerate(st.tolist()):
            cand = by_user.get(int(e["user"][ei]), [])
            start = int(e["start"][ei])
            if not cand:
                group.append("Unknown")
                continue
            before = [i for i in cand if ad["valid_from"][i] <= start]
            if before:
                pick = max(before, key=lambda i: (ad["valid_from"][i], ad["id"][i]))
            else:
                pick = min(cand, key=lambda i: (ad["valid_from"][i], ad["id"][i]))
            code = ad["country"][pick]
            grp = C.region_group(code)
            group.append(grp)
            if grp == "France" and ad["precision"][pick] == "housenumber":
                in_fr_exact[j] = True
                qpv[j] = ad["qpv"][pick] is not None
        group = np.array(group, dtype=object)
        tech = is_tech_path[e["path"][st]]
        female = users["gender"][e["user"][st]] == "female"
        anyu = unemployed | low | refugee | disab | qpv
        rows += [
            _row("share_unemployed", y, int(unemployed.sum()), n),
            _row("share_low_qualification", y, int(low.sum()), n),
            _row("share_refugee", y, int(refugee.sum()), n),
            _row("share_underserved_area", y, int(qpv.sum()), int(in_fr_exact.sum())),
            _row("share_disability", y, int(disab.sum()), n),
            _row("share_women_in_tech", y, int((tech & female).sum()), int(tech.sum())),
            _row("share_any_underserved", y, int(anyu.sum()), n),
            _row("share_residing_in_france", y, int((group == "France").sum()), n),
            _row("share_region_africa", y, int((group == "Africa").sum()), n),
            _row("share_region_europe", y, int((group == "Europe").sum()), n),
            _row("share_region_rest_of_world", y, int((group == "Rest of the world").sum()), n),
        ]
    return rows


def check_design(w: World, truth: list[dict]) -> None:
    """The recount must equal what the generator decided by quota."""
    t = {(r["indicator"], r["year"], r["segment"]): r for r in truth}
    ex = w.expected
    for y in YEARS:
        assert t[("applicants", y, "all")]["numerator"] == ex["applicants"][y], y
        assert t[("orientation_rate", y, "all")]["numerator"] == ex["converted"][y], y
        if y <= 2023:  # 2024 also holds early graduates of cohorts due after the export
            assert t[("graduation_rate", y, "all")]["numerator"] == ex["on_time"][y], y
        placed, n, k_a, n_a = ex["placed"][y]
        assert t[("job_placement_rate", y, "all")]["numerator"] == placed, y
        assert t[("job_placement_rate", y, "all")]["denominator"] == n, y
        assert t[("apprentice_job_placement_rate", y, "all")]["numerator"] == k_a, y
        assert (
            t[("share_women_in_tech", y, "all")]["numerator"] == ex["students"][(y, "women_tech")]
        ), y
        assert t[("share_unemployed", y, "all")]["denominator"] == ex["students"][y], y
        k_q, n_fr_exact = ex["students"][(y, "qpv")]
        assert t[("share_underserved_area", y, "all")]["numerator"] == k_q, y
        assert t[("share_underserved_area", y, "all")]["denominator"] == n_fr_exact, y
        assert t[("share_any_underserved", y, "all")]["numerator"] == ex["students"][(y, "any")]
        for seg in ("student", "apprentice", "free_user"):
            got = t[("career_outcomes", y, seg)]["numerator"]
            assert got == ex["career_designed"][(y, seg)], (
                y,
                seg,
                got,
                ex["career_designed"][(y, seg)],
            )
    assert t[("free_user_countries", 2023, "all")]["numerator"] == 222
