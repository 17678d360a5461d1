"""The by-construction truth: every indicator of marts.impact_indicators from the simulated
records, with the docs/methodology.md rules applied to the latest version of each record.

The generator decided each population by quota (simulate.py); this module recounts the
decisions with the rules (so that traps are resolved exactly as the warehouse must resolve
them) and `check_design` asserts both agree.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from impact_warehouse.indicators import INDICATORS, SEGMENTS

from . import countries as C
from .model import FUNDING, NULL, TECH_DOMAINS, YEARS, span_end, year_start
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
        assert t[("job_placement_rate_12m", y, "all")]["numerator"] == ex["placed_12m"][y], y
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


# ---------------------------------------------------------------------- Part 2 (issue 11)
MIN_CELL_SIZE = 11  # the dbt var min_cell_size's default (M-VA-1's fallback threshold)
OUTCOME_STATUSES = (
    "employed_in_field",
    "apprenticeship",
    "employed_out_of_field",
    "employed_field_unknown",
    "employed_outside_window",
    "further_training",
    "internship",
    "job_seeking",
    "inactive",
    "no_response",
)
STATUS_JOBS = {"employed", "self_employed", "business_creation"}  # M-OUT-1 "job situation"


def enrolment_groups(w: World) -> dict[str, np.ndarray]:
    """M-GRP-1: the group of every enrolment in each dimension (object arrays over all
    enrolments; meaningful for the live ones), and its M-VA-1 cell."""
    e, p, ad, users = w.enrollments, w.profiles, w.addresses, w.users
    m = len(e["user"])
    gender = users["gender"][e["user"]]
    groups = {
        "gender": np.where(np.isin(gender, ["female", "male", "non_binary"]), gender, "unknown"),
        "funding_type": FUNDING[e["funding"]],
        "path_domain": w.paths["domain"][e["path"]].astype(object),
    }
    # M-DEM-2: the latest profile of the enrolment (collected_at, then profile_id)
    po = np.lexsort((p["id"], p["collected"], p["enr"]))
    last_of = po[np.r_[p["enr"][po][1:] != p["enr"][po][:-1], True]]
    prof = np.full(m, -1, np.int64)
    prof[p["enr"][last_of]] = last_of
    has = prof >= 0

    def answer(col: str) -> np.ndarray:
        out = np.full(m, None, dtype=object)
        out[has] = p[col][prof[has]]
        return out

    def yes_no_unknown(yes: np.ndarray, values: np.ndarray) -> np.ndarray:
        unknown = np.isin(values, [None, "undisclosed"])
        return np.where(yes, "yes", np.where(unknown, "unknown", "no")).astype(object)

    emp, qual, ref, dis = answer("emp"), answer("qual"), answer("ref"), answer("dis")
    groups["unemployed"] = yes_no_unknown(emp == "unemployed", emp)
    groups["low_qualification"] = yes_no_unknown(np.isin(qual, ["none", "cap_bep", "bac"]), qual)
    groups["refugee"] = yes_no_unknown(ref == "yes", ref)
    groups["disability"] = yes_no_unknown(dis == "yes", dis)
    # M-UND-1..3 and M-RES-1 at the start of this enrolment
    by_user: dict[int, list[int]] = {}
    for i, u in enumerate(ad["user"].tolist()):
        by_user.setdefault(u, []).append(i)
    region = np.full(m, "Unknown", dtype=object)
    area = np.full(m, "not_assessed", dtype=object)
    starts, owners = e["start"].tolist(), e["user"].tolist()
    for i in range(m):
        cand = by_user.get(owners[i], [])
        if not cand:
            continue
        before = [j for j in cand if ad["valid_from"][j] <= starts[i]]
        if before:
            pick = max(before, key=lambda j: (ad["valid_from"][j], ad["id"][j]))
        else:
            pick = min(cand, key=lambda j: (ad["valid_from"][j], ad["id"][j]))
        region[i] = C.region_group(ad["country"][pick])
        if region[i] == "France" and ad["precision"][pick] == "housenumber":
            area[i] = "no" if ad["qpv"][pick] is None else "yes"
    groups["underserved_area"] = area
    five = ("unemployed", "low_qualification", "refugee", "disability", "underserved_area")
    flags = [groups[d] == "yes" for d in five]
    groups["any_underserved"] = np.where(np.logical_or.reduce(flags), "yes", "no").astype(object)
    groups["region_group"] = region
    groups["mix_cell"] = np.array(
        [
            f"{f} / {u} / {q}"
            for f, u, q in zip(
                groups["funding_type"],
                groups["unemployed"],
                groups["low_qualification"],
                strict=True,
            )
        ],
        dtype=object,
    )
    return groups


def _placement_flags(w: World) -> dict[str, np.ndarray]:
    """Per enrolment: placed (M-PLA-3), respondent (M-PLA-5), placed at 12 months (M-PLA-6)
    and the M-OUT-1 status, from the responses as the rules read them."""
    e, r = w.enrollments, w.responses
    test = w.users["is_test"]
    m = len(e["user"])
    done = e["grad"] != NULL
    gy = np.where(done, year_of_day(np.where(done, e["grad"], 0)), 0)
    win = add_months(np.where(done, e["grad"], 0), 6)
    win_12m = add_months(np.where(done, e["grad"], 0), 12)
    enr = r["enr"]
    r_day = paris_day(r["collected"])
    ok = ~test[r["user"]] & done[enr]
    safe = np.where(done[enr], gy[enr], 2000)
    by_cutoff = ok & (r_day <= add_months(year_start(safe + 1), 6) - 1)
    by_cutoff_12m = ok & (r_day <= year_start(safe + 2) - 1)
    situ = r["situation"]
    started = r["job_start"] != NULL
    in_window = started & (r["job_start"] <= win[enr])
    is_job = np.isin(situ, list(JOB_SITUATIONS))
    flags = {name: np.zeros(m, bool) for name in ("placed", "responded", "placed_12m")}
    flags["placed"][enr[by_cutoff & is_job & in_window]] = True
    flags["responded"][enr[by_cutoff & (situ != "no_answer")]] = True
    flags["placed_12m"][
        enr[by_cutoff_12m & is_job & started & (r["job_start"] <= win_12m[enr])]
    ] = True
    # M-OUT-1: the status each response supports, the lowest order wins
    related = r["related"]
    status = np.full(len(enr), len(OUTCOME_STATUSES) - 1)
    job = np.isin(situ, list(STATUS_JOBS)) & in_window
    status = np.where(situ == "inactive", 8, status)
    status = np.where(situ == "job_seeking", 7, status)
    status = np.where(situ == "internship", 6, status)
    status = np.where(situ == "further_training", 5, status)
    status = np.where(is_job & ~in_window, 4, status)
    status = np.where(job & np.array([v is None for v in related]), 3, status)
    status = np.where(job & np.array([v is False for v in related]), 2, status)
    status = np.where((situ == "apprenticeship") & in_window, 1, status)
    status = np.where(job & np.array([v is True for v in related]), 0, status)
    best = np.full(m, len(OUTCOME_STATUSES) - 1)
    np.minimum.at(best, enr[by_cutoff], status[by_cutoff])
    flags["status"] = best
    return flags


def group_truth(w: World) -> dict[str, list[dict]]:
    """The by-construction truth of Part 2: every rate of M-GRP-2 by every group
    (`by_group`, unsuppressed), the mix-adjusted benchmarks of M-VA (`benchmarks`, with
    min_cell_size 11) and the outcome statuses of M-OUT (`outcomes`, unsuppressed)."""
    from impact_warehouse.indicators import registry

    e, a = w.enrollments, w.applications
    test = w.users["is_test"]
    live = ~e["cancelled"] & ~test[e["user"]]
    groups = enrolment_groups(w)
    flags = _placement_flags(w)
    g, s, x = e["grad"], e["start"], e["expected"]
    done = g != NULL
    cohorts = {
        "graduation_cohort": (year_of_day(x), live),
        "graduates": (np.where(done, year_of_day(np.where(done, g, 0)), 0), live & done),
    }
    met = {
        "graduation_rate": done & (g <= x),
        "graduation_rate_150": done & (2 * (g - s) <= 3 * (x - s)),
        "job_placement_rate": flags["placed"],
        "placement_response_rate": flags["responded"],
        "job_placement_rate_12m": flags["placed_12m"],
    }
    by_group: list[dict] = []
    cells: dict[tuple[str, int, str], tuple[int, int]] = {}
    for name, row in registry().items():
        if name not in met:
            continue
        year, member = cohorts[row.population]
        dims = list(row.dimensions) + (["mix_cell"] if row.mix_adjusted else [])
        for dim in dims:
            keys = groups[dim]
            for y in YEARS:
                sel = member & (year == y)
                values, inverse = np.unique(keys[sel].astype(str), return_inverse=True)
                num = np.bincount(inverse, weights=met[name][sel], minlength=len(values))
                den = np.bincount(inverse, minlength=len(values))
                for group, k, n in zip(values.tolist(), num.tolist(), den.tolist(), strict=True):
                    if dim == "mix_cell":
                        cells[(name, y, group)] = (int(k), int(n))
                    else:
                        by_group.append(_group_row(name, y, dim, group, int(k), int(n)))
    by_group += _orientation_by_group(w, a, e, live)
    outcomes = []
    status = flags["status"]
    year, member = cohorts["graduates"]
    for y in YEARS:
        for segment, sel in (("all", member), ("apprentice", member & (e["funding"] == 3))):
            sel = sel & (year == y)
            if not sel.any():
                continue
            counts = np.bincount(status[sel], minlength=len(OUTCOME_STATUSES))
            outcomes += [
                {"year": y, "segment": segment, "outcome_status": st, "graduates": int(c)}
                for st, c in zip(OUTCOME_STATUSES, counts.tolist(), strict=True)
            ]
    return {
        "by_group": by_group,
        "benchmarks": _benchmarks(w, cohorts, met, cells),
        "outcomes": outcomes,
    }


def _group_row(indicator: str, year: int, dimension: str, group: str, k: int, n: int) -> dict:
    return {
        "indicator": indicator,
        "year": int(year),
        "dimension": dimension,
        "group": group,
        "numerator": k,
        "denominator": n,
    }


def _orientation_by_group(w: World, a, e, live_e) -> list[dict]:
    """M-GRP-2: applicants by gender and by the path domain of their first application of
    the year (earliest submitted_at, then lowest id); converted by any application."""
    test = w.users["is_test"]
    ok = ~test[a["user"]]
    year = year_of_day(paris_day(a["submitted_at"]))
    linked = np.zeros(len(a["user"]), bool)
    has_app = live_e & (e["app"] != NULL)
    linked[e["app"][has_app]] = True
    gender = w.users["gender"]
    rows = []
    for y in YEARS:
        idx = np.flatnonzero(ok & (year == y))
        idx = idx[np.lexsort((a["id"][idx], a["submitted_at"][idx], a["user"][idx]))]
        users = a["user"][idx]
        first = idx[np.r_[True, users[1:] != users[:-1]]]
        applicant = a["user"][first]
        converted = np.isin(applicant, np.unique(a["user"][idx[linked[idx]]]))
        g = gender[applicant]
        dims = {
            "gender": np.where(np.isin(g, ["female", "male", "non_binary"]), g, "unknown"),
            "path_domain": w.paths["domain"][a["path"][first]],
        }
        for dim in registry_dimensions("orientation_rate"):
            values, inverse = np.unique(dims[dim].astype(str), return_inverse=True)
            num = np.bincount(inverse, weights=converted, minlength=len(values))
            den = np.bincount(inverse, minlength=len(values))
            for group, k, n in zip(values.tolist(), num.tolist(), den.tolist(), strict=True):
                rows.append(_group_row("orientation_rate", y, dim, group, int(k), int(n)))
    return rows


def registry_dimensions(indicator: str) -> tuple[str, ...]:
    from impact_warehouse.indicators import registry

    return registry()[indicator].dimensions


def _benchmarks(w: World, cohorts, met, cells) -> list[dict]:
    """M-VA-1, M-VA-2 for the registry's mix-adjusted rates, reference year Y - 1."""
    from impact_warehouse.indicators import registry

    rows = []
    for name, row in registry().items():
        if not row.mix_adjusted:
            continue
        year, member = cohorts[row.population]
        observed = {}
        for y in YEARS:
            sel = member & (year == y)
            if sel.any():
                observed[y] = int((sel & met[name]).sum()) / int(sel.sum())
        for y in YEARS:
            if y not in observed or y - 1 not in observed:
                continue
            total = expected = 0.0
            n_cells = fallback = 0
            for (ind, cy, cell), (_, n) in sorted(cells.items()):
                if ind != name or cy != y or n == 0:
                    continue
                k0, n0 = cells.get((name, y - 1, cell), (0, 0))
                if n0 >= MIN_CELL_SIZE:
                    rate = k0 / n0
                else:
                    rate = observed[y - 1]
                    fallback += 1
                n_cells += 1
                total += n
                expected += n * rate
            expected /= total
            rows.append(
                {
                    "indicator": name,
                    "year": y,
                    "reference_year": y - 1,
                    "observed": observed[y],
                    "expected": expected,
                    "value_added": observed[y] - expected,
                    "mix_effect": expected - observed[y - 1],
                    "n_cells": n_cells,
                    "n_cells_fallback": fallback,
                }
            )
    return rows
