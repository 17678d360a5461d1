"""Simulate the platform's records (clean, latest versions, internal user indices).

The output is a `World`: one dict of numpy columns per entity. `writer.py` turns it into
export files (with the file-level traps: older overlapping files, stray case, `Z`
offsets, ...); `truth.py` computes every indicator from it with the METHODOLOGY.md rules.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from . import countries as C
from .model import (
    ACCOUNTS,
    ANY_UNDERSERVED,
    APPLICANTS,
    APPRENTICE_PLACEMENT,
    CAREER,
    CAREER_SEGMENTS,
    DISABILITY,
    DOMAINS,
    EMPLOYER_STARTS,
    F_APPRENTICE,
    F_EMPLOYER,
    F_PUBLIC,
    F_SELF,
    GRADUATION,
    LOW_QUAL,
    NULL,
    ORIENTATION,
    P_END,
    P_START,
    PLACEMENT,
    QPV,
    REFUGEE,
    RESIDENCE,
    ROLE_ANCHOR,
    ROLE_APPLICANT,
    ROLE_DECLARER,
    ROLE_EMPLOYER_STUDENT,
    ROLE_GENERAL,
    ROLE_TEST,
    TECH_DOMAINS,
    UNEMPLOYED,
    WOMEN_TECH,
    YEARS,
    Users,
    k_of,
    quota,
    span_end,
    time_of_day,
    uniform_int,
    year_start,
)
from .timeutil import DAY, add_months, at_paris, day, year_of_day

Cols = dict[str, np.ndarray]


def cat(parts: list[Cols]) -> Cols:
    parts = [p for p in parts if p and len(next(iter(p.values()))) > 0]
    keys = list(parts[0])
    return {k: np.concatenate([np.asarray(p[k]) for p in parts]) for k in keys}


def take(cols: Cols, idx) -> Cols:
    return {k: v[idx] for k, v in cols.items()}


@dataclass
class World:
    scale: float
    paths: Cols = field(default_factory=dict)
    users: Cols = field(default_factory=dict)
    applications: Cols = field(default_factory=dict)
    enrollments: Cols = field(default_factory=dict)
    profiles: Cols = field(default_factory=dict)
    addresses: Cols = field(default_factory=dict)
    responses: Cols = field(default_factory=dict)
    declarations: Cols = field(default_factory=dict)
    forced_logins: Cols = field(default_factory=dict)
    # users' random-login model (per internal user index)
    act_start: np.ndarray | None = None
    act_end: np.ndarray | None = None
    rate: np.ndarray | None = None
    home_country: np.ndarray | None = None  # index into countries.CODES
    traps: Counter = field(default_factory=Counter)
    expected: dict = field(default_factory=dict)  # designed quotas, checked against truth


class Simulator:
    def __init__(self, scale: float, seed: int) -> None:
        self.scale = scale
        self.rng = np.random.default_rng(seed)
        self.u = Users()
        self.w = World(scale=scale)
        self.trap_n = max(1, int(round(40 * scale)))  # size of each hand-made trap set
        self.gender: dict[int, str] = {}
        self.forced: list[Cols] = []
        self.dormant_users: list[np.ndarray] = []

    def n(self, x: float) -> int:
        return int(round(x * self.scale))

    # ------------------------------------------------------------------ helpers
    def new_users(
        self,
        first_event_utc: np.ndarray,
        role: int,
        rate_per_day: float,
        active_until_utc: np.ndarray | None = None,
    ) -> np.ndarray:
        """Accounts created 0-700 days before their first event (not before 2014)."""
        rng = self.rng
        k = len(first_event_utc)
        back = uniform_int(rng, np.zeros(k), np.full(k, 700)) * DAY + uniform_int(
            rng, np.zeros(k), np.full(k, DAY - 1)
        )
        created = np.maximum(first_event_utc - back, day(2014, 1, 1) * DAY + 36000)
        created = np.minimum(created, first_event_utc)
        if rate_per_day == 0:
            start, end = created, created
        else:
            start = np.maximum(created, P_START * DAY)
            end = active_until_utc if active_until_utc is not None else start + 400 * DAY
        return self.u.add(created, start, end, rate_per_day if rate_per_day else 0.0, role)

    def force_login(self, users, utc, country: np.ndarray | str | None = None) -> None:
        users = np.asarray(users, np.int64)
        k = len(users)
        if country is None:
            cc = np.full(k, -1, np.int64)  # -1: the user's home country
        elif isinstance(country, str):
            cc = np.full(k, C.CODES.index(country), np.int64)
        else:
            cc = np.asarray(country, np.int64)
        self.forced.append({"user": users, "utc": np.asarray(utc, np.int64), "country": cc})

    # ------------------------------------------------------------------ paths
    def make_paths(self) -> None:
        rng = self.rng
        n = 80
        tech = np.r_[np.arange(48) % 7, 7 + np.arange(32) % 6]
        order = rng.permutation(n)
        dom = tech[order]
        jobs = np.array(
            [
                "Analyst",
                "Engineer",
                "Developer",
                "Manager",
                "Officer",
                "Specialist, junior",
                'Technician ("Pro")',
                "Consultant",
            ],
            dtype=object,
        )
        names = np.array(
            [f"{DOMAINS[d]} {jobs[i % len(jobs)]}" for i, d in enumerate(dom)], dtype=object
        )
        duration = rng.choice([6, 12, 12, 18, 24, 24], n)
        rncp = rng.integers(3, 8, n).astype(np.int64)
        rncp[rng.permutation(n)[:8]] = NULL
        language = np.where(rng.random(n) < 0.85, "fr", "en").astype(object)
        launched = uniform_int(rng, np.full(n, day(2015, 1, 1)), np.full(n, day(2018, 12, 31)))
        retired = np.full(n, NULL, np.int64)
        retired_idx = np.flatnonzero(dom == 1)[:1].tolist() + np.flatnonzero(dom == 9)[:2].tolist()
        retired[retired_idx] = day(2020, 12, 31)
        self.w.paths = {
            "path_id": np.array([f"P{101 + i:04d}" for i in range(n)], dtype=object),
            "path_name": names,
            "domain": np.array([DOMAINS[d] for d in dom], dtype=object),
            "is_tech": np.array([DOMAINS[d] in TECH_DOMAINS for d in dom]),
            "rncp_level": rncp,
            "duration_months": duration.astype(np.int64),
            "language": language,
            "launched_on": launched,
            "retired_on": retired,
            "updated_at": at_paris(
                np.maximum(launched, day(2023, 1, 1)) + rng.integers(0, 300, n), time_of_day(rng, n)
            ),
        }
        self.w.traps["paths: retired paths (retired_on set)"] = len(retired_idx)

    def pick_paths(self, start: np.ndarray) -> np.ndarray:
        """Path index per enrolment: ~70% Tech; retired paths only before their retirement."""
        rng = self.rng
        p = self.w.paths
        k = len(start)
        weight = np.where(p["is_tech"], 0.70 / p["is_tech"].sum(), 0.30 / (~p["is_tech"]).sum())
        out = rng.choice(len(weight), k, p=weight / weight.sum())
        open_w = np.where(p["retired_on"] == NULL, weight, 0.0)
        late = start > day(2020, 12, 31)
        out[late] = rng.choice(len(weight), int(late.sum()), p=open_w / open_w.sum())
        return out

    # ------------------------------------------------------------------ applications
    def make_applications(self) -> None:
        rng = self.rng
        apps: list[Cols] = []
        prev_nonconv = np.zeros(0, np.int64)
        self.w.expected["applicants"] = {}
        self.w.expected["converted"] = {}
        for y in YEARS:
            a_total = self.n(APPLICANTS[y])
            n_re = min(len(prev_nonconv), int(round(0.05 * a_total)))
            re_users = rng.permutation(prev_nonconv)[:n_re]

            first_day = year_start(y)
            last_day = min(int(year_start(y + 1)) - 1, P_END)
            # applications per applicant: 15% submit two
            n_apps = np.where(quota(rng, a_total, [0.15]) == 0, 2, 1)
            owner = np.repeat(np.arange(a_total), n_apps)
            sub_day = uniform_int(
                rng, np.full(len(owner), first_day), np.full(len(owner), last_day)
            )
            sub_utc = at_paris(sub_day, time_of_day(rng, len(owner)))
            zforce = np.zeros(len(owner), bool)
            if y in (2022, 2023):
                # G-1: submitted in the first Paris hour of the year, written with Z -> belongs to y
                singles = np.flatnonzero(n_apps[owner] == 1)[: self.trap_n]
                sub_day[singles] = first_day
                sub_utc[singles] = at_paris(sub_day[singles], rng.integers(60, 3540, len(singles)))
                zforce[singles] = True
                self.w.traps["G-1: application submitted 00:xx Paris on Jan 1, written as Z"] += (
                    len(singles)
                )
                # and Dec 31 23:xx Paris of the year (written +01:00) stays in y
                singles2 = np.flatnonzero(n_apps[owner] == 1)[self.trap_n : 2 * self.trap_n]
                sub_day[singles2] = last_day
                sub_utc[singles2] = at_paris(
                    sub_day[singles2], rng.integers(23 * 3600 + 60, 23 * 3600 + 3540, len(singles2))
                )
                self.w.traps["G-1: application submitted 23:xx Paris on Dec 31"] += len(singles2)
            # first application per applicant = primary (the earliest)
            order = np.lexsort((sub_utc, owner))
            owner, sub_day, sub_utc, zforce = (
                owner[order],
                sub_day[order],
                sub_utc[order],
                zforce[order],
            )
            primary = np.r_[True, owner[1:] != owner[:-1]]
            first_sub = sub_utc[primary]
            new_idx = self.new_users(
                first_sub[n_re:],
                ROLE_APPLICANT,
                0.08,
                active_until_utc=first_sub[n_re:] + 500 * DAY,
            )
            user_of = np.r_[re_users, new_idx]
            converted = quota(rng, a_total, [ORIENTATION[y]]) == 0
            self.w.expected["applicants"][y] = a_total
            self.w.expected["converted"][y] = int(converted.sum())
            # status of each application
            na = len(owner)
            status = np.empty(na, dtype=object)
            linked = np.zeros(na, bool)  # -> non-cancelled enrolment
            cancel_link = np.zeros(na, bool)  # -> cancelled enrolment (G-5)
            conv_app = converted[owner]
            status[conv_app & primary] = "admitted"
            linked[conv_app & primary] = True
            extra = conv_app & ~primary
            status[extra] = np.where(rng.random(int(extra.sum())) < 0.7, "rejected", "withdrawn")
            nc = np.flatnonzero(~conv_app)
            cats = quota(rng, len(nc), [0.45, 0.20, 0.05, 0.05, 0.15])
            labels = np.array(
                ["rejected", "withdrawn", "submitted", "under_review", "admitted", "admitted"],
                dtype=object,
            )
            status[nc] = labels[cats]
            cancel_link[nc[cats == 5]] = True
            # only recent applications can still wait for a decision
            stale = np.isin(status, ["submitted", "under_review"]) & (sub_day < P_END - 60)
            status[stale] = np.where(rng.random(int(stale.sum())) < 0.7, "rejected", "withdrawn")
            decided = np.full(na, NULL, np.int64)
            dec_mask = np.isin(status, ["admitted", "rejected"])
            delay = uniform_int(rng, np.full(na, 1), np.full(na, 40))
            dec_day = np.minimum(sub_day + delay, P_END)
            decided[dec_mask] = at_paris(dec_day[dec_mask], time_of_day(rng, int(dec_mask.sum())))
            decided[dec_mask] = np.maximum(decided[dec_mask], sub_utc[dec_mask] + 60)
            fund_cat = quota(rng, na, [0.42, 0.30, 0.18, 0.03])
            fund = np.array([F_APPRENTICE, F_PUBLIC, F_SELF, F_EMPLOYER, -1])[fund_cat]
            apps.append(
                {
                    "user": user_of[owner],
                    "path": self.pick_paths(sub_day),
                    "submitted_at": sub_utc,
                    "status": status,
                    "decided_at": decided,
                    "funding": fund,
                    "zforce": zforce,
                    "linked": linked,
                    "cancel_link": cancel_link,
                    "sub_day": sub_day,
                }
            )
            prev_nonconv = user_of[~converted]
        a = cat(apps)
        a["app_idx"] = np.arange(len(a["user"]))
        self.w.applications = a
        self.w.traps["G-5: admitted application linked to a cancelled enrolment"] = int(
            a["cancel_link"].sum()
        )
        self.w.traps["M-ORI-1: withdrawn application (applicant still counts)"] = int(
            (a["status"] == "withdrawn").sum()
        )

    # ------------------------------------------------------------------ enrolments
    def make_enrollments(self) -> None:
        rng = self.rng
        a = self.w.applications
        p = self.w.paths
        link = np.flatnonzero(a["linked"] | a["cancel_link"])
        start = np.minimum(
            a["sub_day"][link] + uniform_int(rng, np.full(len(link), 7), np.full(len(link), 60)),
            P_END,
        )
        fund = a["funding"][link].copy()
        miss = fund < 0
        fund[miss] = np.where(rng.random(int(miss.sum())) < 0.5, F_SELF, F_PUBLIC)
        parts = [
            {
                "user": a["user"][link],
                "path": a["path"][link],
                "app": link.astype(np.int64),
                "funding": fund,
                "start": start,
                "cancelled": a["cancel_link"][link],
            }
        ]
        # employer programmes (no application)
        for y in YEARS:
            k = self.n(EMPLOYER_STARTS[y])
            s = uniform_int(
                rng, np.full(k, year_start(y)), np.full(k, min(year_start(y + 1) - 1, P_END))
            )
            users = self.new_users(
                at_paris(s - 20, time_of_day(rng, k)),
                ROLE_EMPLOYER_STUDENT,
                0.15,
                active_until_utc=(s + 900) * DAY,
            )
            parts.append(
                {
                    "user": users,
                    "path": self.pick_paths(s),
                    "app": np.full(k, NULL, np.int64),
                    "funding": np.full(k, F_EMPLOYER),
                    "start": s,
                    "cancelled": np.zeros(k, bool),
                }
            )
        e = cat(parts)
        # M-DEM-1: a second (employer) enrolment of the same person later the same year
        first = np.flatnonzero(~e["cancelled"])
        yr = year_of_day(e["start"][first])
        room = year_start(yr + 1) - 1 - e["start"][first]
        room = np.minimum(room, P_END - e["start"][first])
        cand = first[room >= 2]
        k2 = min(len(cand), max(1, self.n(600)))
        sec = rng.permutation(cand)[:k2]
        s2 = e["start"][sec] + uniform_int(
            rng,
            np.ones(k2),
            np.minimum(year_start(year_of_day(e["start"][sec]) + 1) - 1, P_END) - e["start"][sec],
        )
        e = cat(
            [
                e,
                {
                    "user": e["user"][sec],
                    "path": self.pick_paths(s2),
                    "app": np.full(k2, NULL, np.int64),
                    "funding": np.full(k2, F_EMPLOYER),
                    "start": s2,
                    "cancelled": np.zeros(k2, bool),
                },
            ]
        )
        self.w.traps[
            "M-DEM-1: second enrolment of a student later the same year (its profile is ignored)"
        ] = k2
        m = len(e["user"])
        dur = p["duration_months"][e["path"]]
        ext = np.where(rng.random(m) < 0.1, rng.integers(1, 5, m), 0)
        e["expected"] = add_months(e["start"], dur + ext) - 1
        e["grad"] = np.full(m, NULL, np.int64)
        e["ended"] = np.full(m, NULL, np.int64)
        e["status"] = np.full(m, "active", dtype=object)
        canc = e["cancelled"]
        e["status"][canc] = "cancelled"
        e["ended"][canc] = np.minimum(
            e["start"][canc] + rng.integers(0, 14, int(canc.sum())), P_END
        )
        self.w.traps["G-5: cancelled enrolment"] = int(canc.sum())
        self.assign_outcomes(e)
        self.w.enrollments = e

    def assign_outcomes(self, e: Cols) -> None:
        rng = self.rng
        live = np.flatnonzero(~e["cancelled"])
        cy = year_of_day(e["expected"][live])
        self.w.expected["on_time"] = {}
        s_all, x_all = e["start"], e["expected"]
        for y in np.unique(cy):
            idx = live[cy == y]
            due = idx[x_all[idx] <= P_END]
            future = idx[x_all[idx] > P_END]
            if len(due):
                overdue = {2023: 0.04, 2024: 0.15}.get(int(y), 0.005)
                g = GRADUATION.get(int(y), 0.45)
                cats = quota(rng, len(due), [g, 0.12, 0.03, overdue])  # on-time, 150, late, active
                self.w.expected["on_time"][int(y)] = int((cats == 0).sum())
                s, x = s_all[due], x_all[due]
                length = x - s
                half = length // 2
                grad = np.full(len(due), NULL, np.int64)
                # on time: up to 45 days early; some exactly on expected_end_on (M-GRA-2)
                early = uniform_int(rng, np.zeros(len(due)), np.full(len(due), 45))
                early[rng.random(len(due)) < 0.08] = 0
                ot = cats == 0
                grad[ot] = np.maximum(x[ot] - early[ot], s[ot] + 30)
                # late within 150%: 1 day late .. exactly 150% (M-GRA-5, day counts)
                l150 = cats == 1
                d = uniform_int(rng, np.ones(len(due)), np.maximum(half, 1))
                r = rng.random(len(due))
                d[r < 0.1] = 1
                exact = (r > 0.9) & (length % 2 == 0)
                d[exact] = half[exact]
                grad[l150] = x[l150] + d[l150]
                # later than 150%: one day past the 150% mark .. +120 days
                lb = cats == 2
                d2 = half + uniform_int(rng, np.ones(len(due)), np.full(len(due), 120))
                d2[r < 0.15] = half[r < 0.15] + 1
                grad[lb] = x[lb] + d2[lb]
                # late graduations after the export date: still active (M-GRA-4)
                too_late = (grad != NULL) & (grad > P_END)
                grad[too_late] = NULL
                status = np.where(grad != NULL, "graduated", "active").astype(object)
                drop = cats == 4
                status[drop] = "dropped_out"
                ended = np.full(len(due), NULL, np.int64)
                ended[drop] = uniform_int(rng, s[drop] + 15, np.minimum(x[drop], P_END))
                gm = grad != NULL
                ended[gm] = np.maximum(grad[gm] - rng.integers(0, 11, int(gm.sum())), s[gm])
                e["grad"][due], e["ended"][due], e["status"][due] = grad, ended, status
                self.w.traps["M-GRA-2: graduated exactly on expected_end_on"] += int(
                    (ot & (grad == x)).sum()
                )
                self.w.traps["M-GRA-2: graduated one day after expected_end_on"] += int(
                    (grad == x + 1).sum()
                )
                self.w.traps["M-GRA-5: graduated exactly at 150% of planned days"] += int(
                    ((grad != NULL) & (2 * (grad - s) == 3 * length)).sum()
                )
                self.w.traps["M-GRA-5: graduated one day past 150%"] += int(
                    ((grad != NULL) & (grad - x == half + 1) & (length % 2 == 0)).sum()
                )
                self.w.traps["M-GRA-4: overdue enrolment still active"] += int(
                    (status == "active").sum()
                )
            if len(future):
                s, x = s_all[future], x_all[future]
                cats = quota(rng, len(future), [0.85, 0.10])  # active, dropped, early graduate
                status = np.full(len(future), "active", dtype=object)
                ended = np.full(len(future), NULL, np.int64)
                grad = np.full(len(future), NULL, np.int64)
                drop = (cats == 1) & (s + 15 <= P_END)
                status[drop] = "dropped_out"
                ended[drop] = uniform_int(rng, s[drop] + 15, np.full(int(drop.sum()), P_END))
                eg = (cats == 2) & (np.maximum(s + 30, x - 90) <= P_END)
                grad[eg] = uniform_int(
                    rng, np.maximum(s[eg] + 30, x[eg] - 90), np.full(int(eg.sum()), P_END)
                )
                status[eg] = "graduated"
                ended[eg] = grad[eg]
                e["grad"][future], e["ended"][future], e["status"][future] = grad, ended, status

    # ------------------------------------------------------------------ test accounts
    def make_test_accounts(self) -> np.ndarray:
        """G-2: internal QA accounts with complete histories in every export."""
        rng = self.rng
        k = max(3, self.n(300))
        sub_day = uniform_int(rng, np.full(k, day(2022, 10, 1)), np.full(k, day(2023, 3, 31)))
        sub = at_paris(sub_day, time_of_day(rng, k))
        users = self.new_users(
            sub - 30 * DAY, ROLE_TEST, 0.5, active_until_utc=np.full(k, P_END * DAY)
        )
        a = self.w.applications
        start = sub_day + 10
        napp = len(a["user"])
        self.w.applications = cat(
            [
                a,
                {
                    "user": users,
                    "path": self.pick_paths(sub_day),
                    "submitted_at": sub,
                    "status": np.full(k, "admitted", dtype=object),
                    "decided_at": sub + 3 * DAY,
                    "funding": np.full(k, F_APPRENTICE),
                    "zforce": np.zeros(k, bool),
                    "linked": np.ones(k, bool),
                    "cancel_link": np.zeros(k, bool),
                    "sub_day": sub_day,
                    "app_idx": np.arange(napp, napp + k),
                },
            ]
        )
        e = self.w.enrollments
        path = self.pick_paths(start)
        expected = add_months(start, 6) - 1
        self.w.enrollments = cat(
            [
                e,
                {
                    "user": users,
                    "path": path,
                    "app": np.arange(napp, napp + k, dtype=np.int64),
                    "funding": np.full(k, F_APPRENTICE),
                    "start": start,
                    "cancelled": np.zeros(k, bool),
                    "expected": expected,
                    "grad": expected - 1,
                    "ended": expected - 1,
                    "status": np.full(k, "graduated", dtype=object),
                },
            ]
        )
        self.w.traps["G-2: test accounts with full histories"] = k
        return users

    # ------------------------------------------------------------------ demographics
    def make_students(self, test_users: np.ndarray) -> None:
        """M-DEM/M-UND/M-RES/M-TEC: profiles, addresses and genders by exact quotas."""
        rng = self.rng
        e = self.w.enrollments
        m = len(e["user"])
        e["enr_idx"] = np.arange(m)
        is_test = np.zeros(self.u.n, bool)
        is_test[test_users] = True
        self.is_test = is_test
        self.test_users = np.asarray(test_users)
        live = np.flatnonzero(~e["cancelled"])
        order = live[np.lexsort((live, e["start"][live], e["user"][live]))]
        yrs = year_of_day(e["start"][order])
        key = e["user"][order] * 10_000 + yrs
        first = order[np.r_[True, key[1:] != key[:-1]]]
        describing = np.zeros(m, bool)
        describing[first] = True
        e["describing"] = describing
        prof: list[Cols] = []
        addr: list[Cols] = []
        gender = np.full(self.u.n, "", dtype=object)
        assigned = np.zeros(self.u.n, bool)
        self.w.expected["students"] = {}
        emp_other = np.array(
            ["employed", "student", "self_employed", "inactive", "undisclosed", None], dtype=object
        )
        qual_high = np.array(
            ["bac+2", "bac+3", "bac+4", "bac+5", "doctorate", "undisclosed", None], dtype=object
        )
        qual_low = np.array(["none", "cap_bep", "bac"], dtype=object)
        yn_other = np.array(["no", "no", "no", "no", "no", "no", "undisclosed", None], dtype=object)
        for y in YEARS:
            st = first[(year_of_day(e["start"][first]) == y) & ~is_test[e["user"][first]]]
            n = len(st)
            self.w.expected["students"][y] = n
            fr, af, eu, unk = RESIDENCE[y]
            group = quota(rng, n, [fr, af, eu, unk])  # 0 FR 1 AF 2 EU 3 unknown 4 RoW
            precision = np.array(["street", "locality", "none", "housenumber"], dtype=object)[
                quota(rng, n, [0.12, 0.06, 0.02])
            ]
            fr_exact = (group == 0) & (precision == "housenumber")
            # underserved flags: the any-set holds every flag (M-DEM-3)
            k_any = k_of(ANY_UNDERSERVED[y], n)
            k_un = k_of(UNEMPLOYED[y], n)
            k_low = k_of(LOW_QUAL[y], n)
            perm = rng.permutation(n)
            anyset = np.zeros(n, bool)
            anyset[perm[:k_any]] = True
            unemployed = np.zeros(n, bool)
            unemployed[perm[:k_un]] = True
            low = np.zeros(n, bool)
            low[perm[k_un:k_any]] = True
            extra_low = k_low - (k_any - k_un)
            assert extra_low >= 0
            low[rng.permutation(perm[:k_un])[:extra_low]] = True
            refugee = np.zeros(n, bool)
            refugee[rng.permutation(perm[:k_any])[: k_of(REFUGEE, n)]] = True
            disability = np.zeros(n, bool)
            disability[rng.permutation(perm[:k_any])[: k_of(DISABILITY, n)]] = True
            qpv = np.zeros(n, bool)
            cand = np.flatnonzero(anyset & fr_exact)
            k_q = k_of(QPV, int(fr_exact.sum()))
            assert len(cand) >= k_q
            qpv[rng.permutation(cand)[:k_q]] = True
            self.w.expected["students"][(y, "qpv")] = (k_q, int(fr_exact.sum()))
            self.w.expected["students"][(y, "any")] = k_any
            # genders: M-TEC-1 quota among Tech-path students; women in other paths too
            tech = self.w.paths["is_tech"][e["path"][st]]
            g = np.empty(n, dtype=object)
            ti = np.flatnonzero(tech)
            oi = np.flatnonzero(~tech)
            k_w = k_of(WOMEN_TECH[y], len(ti))
            gl = np.array(["female", "male", "non_binary", "undisclosed", ""], dtype=object)
            g[ti] = gl[quota(rng, len(ti), [WOMEN_TECH[y], 0.66, 0.01, 0.03])]
            g[oi] = gl[quota(rng, len(oi), [0.55, 0.40, 0.01, 0.02])]
            gender[e["user"][st]] = g
            assigned[e["user"][st]] = True
            self.w.expected["students"][(y, "tech")] = len(ti)
            self.w.expected["students"][(y, "women_tech")] = k_w
            # profile values
            emp = np.where(unemployed, "unemployed", emp_other[rng.integers(0, 6, n)])
            qual = np.where(low, qual_low[rng.integers(0, 3, n)], qual_high[rng.integers(0, 7, n)])
            dis = np.where(disability, "yes", yn_other[rng.integers(0, 8, n)])
            ref = np.where(refugee, "yes", yn_other[rng.integers(0, 8, n)])
            # 2% of the students outside the any-set have no profile at all
            noprof = np.zeros(n, bool)
            outside = np.flatnonzero(~anyset)
            noprof[rng.permutation(outside)[: max(1, len(outside) // 50)]] = True
            coll_day = e["start"][st] - rng.integers(0, 21, n)
            coll = at_paris(coll_day, time_of_day(rng, n))
            has = ~noprof
            # profile updated after the enrolment: an earlier row with other answers (M-DEM-2)
            upd = has & (rng.random(n) < 0.08) & (e["start"][st] + 12 <= P_END)
            later = at_paris(
                np.minimum(e["start"][st] + rng.integers(10, 300, n), P_END), time_of_day(rng, n)
            )
            tie = has & ~upd & (rng.random(n) < 0.01)
            decoy_idx = np.flatnonzero(upd | tie)
            flip_emp = np.where(emp[decoy_idx] == "unemployed", "employed", "unemployed")
            flip_qual = np.where(np.isin(qual[decoy_idx], qual_low), "bac+3", "bac")
            flip_yn = lambda v: np.where(v == "yes", "no", "yes")  # noqa: E731
            prof.append(
                {  # decoy rows first: on a tie the later row (greater id) wins
                    "user": e["user"][st][decoy_idx],
                    "enr": st[decoy_idx],
                    "collected": coll[decoy_idx],
                    "emp": flip_emp.astype(object),
                    "qual": flip_qual.astype(object),
                    "dis": flip_yn(dis[decoy_idx]).astype(object),
                    "ref": flip_yn(ref[decoy_idx]).astype(object),
                }
            )
            final_coll = np.where(upd, later, coll)
            hi = np.flatnonzero(has)
            prof.append(
                {
                    "user": e["user"][st][hi],
                    "enr": st[hi],
                    "collected": final_coll[hi],
                    "emp": emp[hi].astype(object),
                    "qual": qual[hi].astype(object),
                    "dis": dis[hi].astype(object),
                    "ref": ref[hi].astype(object),
                }
            )
            self.w.traps["M-DEM-2: profile updated after enrolment (older row differs)"] += int(
                upd.sum()
            )
            self.w.traps["M-DEM-2: two profile rows with the same collected_at"] += int(tie.sum())
            self.w.traps["M-DEM-2: student without a profile row"] += int(noprof.sum())
            addr.append(
                self.student_addresses(
                    e["user"][st], e["start"][st], group, precision, qpv, y % 2 == 1
                )
            )
        # other enrolments (second same-year, cancelled, test accounts): profiles with any answers
        others = np.flatnonzero(~describing)
        others = np.r_[others, np.flatnonzero(describing & is_test[e["user"]])]
        k = len(others)
        prof.append(
            {
                "user": e["user"][others],
                "enr": others,
                "collected": at_paris(
                    e["start"][others] - rng.integers(0, 10, k), time_of_day(rng, k)
                ),
                "emp": np.full(k, "unemployed", dtype=object),
                "qual": np.full(k, "none", dtype=object),
                "dis": np.full(k, "yes", dtype=object),
                "ref": np.full(k, "yes", dtype=object),
            }
        )
        # addresses of cancelled-only applicants and test accounts
        # (only people who are not described as students anywhere: no decoy for M-UND-1 here)
        extra_users = np.setdiff1d(e["user"][others], e["user"][describing & ~is_test[e["user"]]])
        kk = len(extra_users)
        addr.append(
            {
                "user": extra_users,
                "valid_from": np.full(kk, day(2018, 1, 1)),
                "country": np.full(kk, "FR", dtype=object),
                "precision": np.full(kk, "housenumber", dtype=object),
                "qpv": np.array([f"QP0750{i % 100:02d}" for i in range(kk)], dtype=object),
            }
        )
        self.w.profiles = cat(prof)
        self.w.addresses = cat(addr)
        rest = ~assigned
        gl = np.array(["female", "male", "non_binary", "undisclosed", ""], dtype=object)
        gender[rest] = gl[quota(rng, int(rest.sum()), [0.45, 0.48, 0.01, 0.03])]
        self.gender_of = gender

    def student_addresses(self, users, starts, group, precision, qpv, odd_year: bool) -> Cols:
        rng = self.rng
        n = len(users)
        fr_codes = np.array(["FR"] * 24 + ["GP", "MQ", "GF", "RE", "YT"], dtype=object)
        af_codes = np.array(
            ["MA", "DZ", "TN", "SN", "CI", "CM", "NA", "MG", "BJ", "EG"], dtype=object
        )
        eu_codes = np.array(
            ["BE", "CH", "DE", "ES", "IT", "PT", "RU", "GB", "LU", "RO"], dtype=object
        )
        ow_codes = np.array(
            ["CA", "US", "TR", "CY", "BR", "VN", "LB", "HT", "JP", "GP"][:9], dtype=object
        )
        country = np.empty(n, dtype=object)
        for gi, codes in enumerate([fr_codes, af_codes, eu_codes]):
            sel = group == gi
            country[sel] = codes[rng.integers(0, len(codes), int(sel.sum()))]
        sel = group == 4
        country[sel] = ow_codes[rng.integers(0, len(ow_codes), int(sel.sum()))]
        unknown = np.flatnonzero(group == 3)
        # M-RES-1 unknown: half have no address at all, half an invalid code (XK is not ISO)
        no_addr = np.zeros(n, bool)
        first, second = (unknown[::2], unknown[1::2]) if odd_year else (unknown[1::2], unknown[::2])
        no_addr[first] = True
        country[second] = "XK"
        qcode = np.full(n, None, dtype=object)
        qi = np.flatnonzero(qpv)
        qcode[qi] = [
            f"QP{rng.integers(0, 999999):06d}"
            if rng.random() < 0.7
            else f"QN{rng.integers(0, 99999):05d}{'ABCDEFGH'[rng.integers(0, 8)]}"
            for _ in qi
        ]
        # M-UND-3 decoys: codes on non-exact French addresses and on foreign addresses
        decoy = ~qpv & (
            ((group == 0) & (precision != "housenumber") & (rng.random(n) < 0.15))
            | ((group != 0) & (rng.random(n) < 0.03))
        )
        qcode[decoy] = [f"QP{v:06d}" for v in rng.integers(0, 999999, int(decoy.sum()))]
        self.w.traps["M-UND-3: QPV code on a non-exact French address"] += int(
            (decoy & (group == 0)).sum()
        )
        self.w.traps["M-UND-3: QPV code on a foreign address"] += int((decoy & (group != 0)).sum())
        # valid_from: mostly before the start; 6% only after it (earliest address is used)
        after = (rng.random(n) < 0.06) & (starts < P_END)
        vf = np.where(
            after,
            np.minimum(starts + rng.integers(1, 60, n), P_END),
            starts - rng.integers(0, 1500, n),
        )
        self.w.traps["M-UND-1: only address starts after the enrolment (earliest used)"] += int(
            (after & ~no_addr).sum()
        )
        keep = ~no_addr
        main = {
            "user": users[keep],
            "valid_from": vf[keep],
            "country": country[keep],
            "precision": precision[keep],
            "qpv": qcode[keep],
        }
        # decoy later address (moved after the start: other country, QPV, exact) -> ignored
        mv = keep & (rng.random(n) < 0.10) & (np.maximum(vf, starts) < P_END)
        k = int(mv.sum())
        moved_from = np.minimum(np.maximum(vf[mv], starts[mv]) + rng.integers(1, 400, k), P_END)
        moved = {
            "user": users[mv],
            "valid_from": moved_from,
            "country": np.where(rng.random(k) < 0.5, "FR", "SN").astype(object),
            "precision": np.full(k, "housenumber", dtype=object),
            "qpv": np.array([f"QN{v:05d}A" for v in rng.integers(0, 99999, k)], dtype=object),
        }
        self.w.traps["M-UND-1: address change after the enrolment start"] += k
        # decoy older address (superseded before the start)
        old = keep & ~after & (rng.random(n) < 0.10)
        k = int(old.sum())
        older = {
            "user": users[old],
            "valid_from": vf[old] - rng.integers(30, 1000, k),
            "country": np.where(rng.random(k) < 0.5, "MA", "FR").astype(object),
            "precision": np.full(k, "housenumber", dtype=object),
            "qpv": np.array([f"QP{v:06d}" for v in rng.integers(0, 999999, k)], dtype=object),
        }
        self.w.traps["M-UND-1: older address superseded before the start"] += k
        return cat([main, moved, older])

    # ------------------------------------------------------------------ job outcomes
    def make_responses(self) -> None:
        """M-PLA: placed graduates get a qualifying response in the window by the cut-off."""
        rng = self.rng
        e = self.w.enrollments
        live = ~e["cancelled"] & ~np.isin(e["user"], self.test_users)
        grads = np.flatnonzero(live & (e["grad"] != NULL))
        gy = year_of_day(e["grad"][grads])
        placed = np.zeros(len(e["user"]), bool)
        self.w.expected["placed"] = {}
        for y in YEARS:
            idx = grads[gy == y]
            app = idx[e["funding"][idx] == F_APPRENTICE]
            # small cohorts: drop apprentices (-> public funding) until some count k gives a
            # rate within 0.4 point of the target (exact quotas cannot do better than 1/2n)
            target = APPRENTICE_PLACEMENT[y]
            while (
                y == 2023 and len(app) and abs(k_of(target, len(app)) / len(app) - target) > 0.004
            ):
                e["funding"][app[-1]] = F_PUBLIC
                app = app[:-1]
                self.w.traps["calibration: apprenticeship graduate switched to public funding"] += 1
            oth = idx[e["funding"][idx] != F_APPRENTICE]
            k_a = k_of(APPRENTICE_PLACEMENT[y], len(app))
            k_t = k_of(PLACEMENT[y], len(idx))
            k_o = min(max(k_t - k_a, 0), len(oth))
            placed[rng.permutation(app)[:k_a]] = True
            placed[rng.permutation(oth)[:k_o]] = True
            self.w.expected["placed"][y] = (k_a + k_o, len(idx), k_a, len(app))
        # M-PLA-2 month-end clamp: graduates of 2023-08-31 (on time, same cohorts)
        g = e["grad"]
        movable = np.flatnonzero(
            live
            & (e["status"] == "graduated")
            & (e["expected"] >= day(2023, 8, 31))
            & (e["expected"] <= day(2023, 12, 31))
            & (g <= e["expected"])
            & (g >= day(2023, 1, 1))
            & (e["start"] <= day(2023, 7, 31))
        )
        aug_p = rng.permutation(movable[placed[movable]])[: self.trap_n]
        aug_n = rng.permutation(movable[~placed[movable]])[: self.trap_n]
        for sel in (aug_p, aug_n):
            g[sel] = day(2023, 8, 31)
            e["ended"][sel] = day(2023, 8, 31)
        rows: list[Cols] = []
        resp_situ_job = np.array(
            [
                "employed",
                "employed",
                "employed",
                "self_employed",
                "business_creation",
                "apprenticeship",
            ],
            dtype=object,
        )
        for y in YEARS:
            idx = grads[gy == y]
            cutoff = day(y + 1, 6, 30)
            last = min(cutoff, P_END)
            gd = g[idx]
            win = add_months(gd, 6)
            pl = placed[idx]
            n = len(idx)
            # placed: one qualifying response, sometimes after a job_seeking one
            c = np.minimum(gd + rng.integers(0, 200, n), last)
            c = np.maximum(c, gd)
            js = uniform_int(rng, gd - 60, np.minimum(win, c))
            on_end = pl & (win <= last) & (rng.random(n) < 0.03)
            c[on_end] = uniform_int(rng, win[on_end], np.full(int(on_end.sum()), last))
            js[on_end] = win[on_end]
            aug = np.isin(idx, aug_p)
            js[aug] = day(2024, 2, 29)
            c[aug] = np.maximum(c[aug], day(2024, 3, 1))
            cutoff_edge = np.zeros(n, bool)
            if y == 2023:
                cutoff_edge[np.flatnonzero(pl & ~aug & ~on_end)[: self.trap_n]] = True
            c_utc = at_paris(c, time_of_day(rng, n))
            c_utc[cutoff_edge] = at_paris(
                np.full(int(cutoff_edge.sum()), cutoff), np.full(int(cutoff_edge.sum()), DAY - 1)
            )
            js[cutoff_edge] = np.minimum(js[cutoff_edge], np.minimum(win[cutoff_edge], cutoff))
            self.w.traps["M-PLA-4: qualifying response at 23:59:59 Paris on June 30 (counts)"] += (
                int(cutoff_edge.sum())
            )
            self.w.traps["M-PLA-2: job started exactly on the window end (placed)"] += int(
                on_end.sum()
            )
            self.w.traps["M-PLA-2: graduated 2023-08-31, job on 2024-02-29 (placed)"] += int(
                aug.sum()
            )
            self.w.traps["M-PLA-2: job started before graduation (placed)"] += int(
                (pl & (js < gd)).sum()
            )
            pi = np.flatnonzero(pl)
            rows.append(
                {
                    "enr": idx[pi],
                    "collected": c_utc[pi],
                    "situation": resp_situ_job[rng.integers(0, 6, len(pi))],
                    "job_start": js[pi],
                    "zforce": np.zeros(len(pi), bool),
                }
            )
            pre = pi[rng.random(len(pi)) < 0.25]
            rows.append(
                {
                    "enr": idx[pre],
                    "collected": at_paris(gd[pre], time_of_day(rng, len(pre))),
                    "situation": np.full(len(pre), "job_seeking", dtype=object),
                    "job_start": np.full(len(pre), NULL, np.int64),
                    "zforce": np.zeros(len(pre), bool),
                }
            )
            # not placed
            ni = np.flatnonzero(~pl)
            cats = quota(rng, len(ni), [0.40, 0.06, 0.05, 0.04, 0.12])
            is_aug_n = np.isin(idx[ni], aug_n)
            cats[is_aug_n] = 2
            cn = np.minimum(gd[ni] + rng.integers(0, 200, len(ni)), last)
            cn_utc = at_paris(cn, time_of_day(rng, len(ni)))
            situ = np.empty(len(ni), dtype=object)
            jsn = np.full(len(ni), NULL, np.int64)
            z = np.zeros(len(ni), bool)
            situ[cats == 0] = np.array(
                ["job_seeking", "further_training", "inactive"], dtype=object
            )[rng.integers(0, 3, int((cats == 0).sum()))]
            m1 = cats == 1  # internship with a start date in the window: not a job
            situ[m1] = "internship"
            jsn[m1] = uniform_int(rng, gd[ni][m1], win[ni][m1])
            m2 = cats == 2  # job starting after the window end
            situ[m2] = "employed"
            after = win[ni][m2] + np.where(
                rng.random(int(m2.sum())) < 0.3, 1, rng.integers(1, 60, int(m2.sum()))
            )
            jsn[m2] = after
            jsn[is_aug_n] = day(2024, 3, 1)
            m3 = cats == 3  # qualifying job, but collected after the June 30 cut-off
            late_day = cutoff + 1 + rng.integers(0, 60, int(m3.sum()))
            ok = late_day <= P_END + 1
            late_day = np.where(ok, late_day, cutoff + 1)
            situ[m3] = "employed"
            jsn[m3] = uniform_int(rng, gd[ni][m3], win[ni][m3])
            cn_utc[m3] = np.where(
                late_day == cutoff + 1,
                at_paris(late_day, np.full(len(late_day), 1800)),
                at_paris(late_day, time_of_day(rng, len(late_day))),
            )
            z[m3] = late_day == cutoff + 1  # 00:30 Paris on July 1 written as 22:30Z June 30
            drop3 = np.flatnonzero(m3)[late_day > P_END + 1]
            m4 = cats == 4
            situ[m4] = "no_answer"
            keep = (cats <= 4) & ~np.isin(np.arange(len(ni)), drop3)
            if y == 2024:
                keep &= ~m3
            rows.append(
                {
                    "enr": idx[ni][keep],
                    "collected": cn_utc[keep],
                    "situation": situ[keep],
                    "job_start": jsn[keep],
                    "zforce": z[keep],
                }
            )
            self.w.traps["M-PLA-3: internship with a start date (not a job)"] += int(
                (m1 & keep).sum()
            )
            self.w.traps["M-PLA-2: job started after the window end (not placed)"] += int(
                (m2 & keep).sum()
            )
            self.w.traps["M-PLA-2: job started the day after the window end"] += int(
                (keep & m2 & (jsn == win[ni] + 1)).sum()
            )
            self.w.traps["M-PLA-4: qualifying response collected after the cut-off"] += int(
                (m3 & keep).sum()
            )
            self.w.traps["M-PLA-4: 00:30 Paris July 1 written as 22:30Z June 30 (too late)"] += int(
                (z & keep).sum()
            )
            self.w.traps["M-PLA-2: graduated 2023-08-31, job on 2024-03-01 (not placed)"] += int(
                is_aug_n.sum()
            )
        # responses on dropped-out enrolments: outside every cohort
        dr = np.flatnonzero(live & (e["status"] == "dropped_out"))
        dr = dr[rng.random(len(dr)) < 0.05]
        cd = np.minimum(e["ended"][dr] + 30, P_END)
        rows.append(
            {
                "enr": dr,
                "collected": at_paris(cd, time_of_day(rng, len(dr))),
                "situation": np.full(len(dr), "employed", dtype=object),
                "job_start": cd - 5,
                "zforce": np.zeros(len(dr), bool),
            }
        )
        self.w.traps["M-PLA-1: response on a dropped-out enrolment"] = len(dr)
        # test accounts: placed-looking responses
        ti = np.flatnonzero(np.isin(e["user"], self.test_users) & (e["grad"] != NULL))
        rows.append(
            {
                "enr": ti,
                "collected": at_paris(e["grad"][ti] + 20, time_of_day(rng, len(ti))),
                "situation": np.full(len(ti), "employed", dtype=object),
                "job_start": e["grad"][ti] + 10,
                "zforce": np.zeros(len(ti), bool),
            }
        )
        r = cat(rows)
        r["user"] = e["user"][r["enr"]]
        self.w.responses = r

    # ------------------------------------------------------------------ career outcomes
    def make_declarations(self) -> None:
        """M-CAR: counted declarations by exact quota per (year, segment), plus decoys."""
        rng = self.rng
        e = self.w.enrollments
        t = self.trap_n
        rows: list[Cols] = []
        self.deleted_at: dict[str, np.ndarray] = {
            "user": np.zeros(0, np.int64),
            "utc": np.zeros(0, np.int64),
        }
        designed = {(y, s): 0 for y in YEARS for s in ("student", "apprentice", "free_user")}

        def decl(users, days, secs=None, credits=True, otype=None, z=None):
            k = len(users)
            secs = time_of_day(rng, k) if secs is None else np.broadcast_to(secs, (k,))
            ot = otype if otype is not None else POSITIVE[rng.integers(0, len(POSITIVE), k)]
            cr = np.full(k, credits, dtype=object)
            rows.append(
                {
                    "user": np.asarray(users, np.int64),
                    "declared": at_paris(days, secs),
                    "otype": np.broadcast_to(np.asarray(ot, dtype=object), (k,)).copy(),
                    "credits": cr,
                    "zforce": np.zeros(k, bool) if z is None else np.broadcast_to(z, (k,)).copy(),
                }
            )

        def dormant(first_login_days):
            k = len(first_login_days)
            return self.new_users(
                at_paris(first_login_days, np.full(k, 5 * 3600)), ROLE_DECLARER, 0
            )

        def login(users, days, secs=None):
            k = len(users)
            secs = rng.integers(7 * 3600, 9 * 3600, k) if secs is None else secs
            self.force_login(users, at_paris(days, secs))

        def fixed(k, y, m, d):
            return np.full(k, day(y, m, d), np.int64)

        # --- hand-made chains and edges (free users)
        u = dormant(fixed(t, 2022, 1, 1))
        for dd in [(2022, 1, 1), (2022, 7, 1), (2023, 1, 2)]:
            login(u, fixed(t, *dd))
            decl(u, fixed(t, *dd))
        designed[(2022, "free_user")] += t
        designed[(2023, "free_user")] += t
        self.w.traps["M-CAR-3: chain Jan 1, Jul 1, Jan 2 next year (counts twice)"] = t
        u = dormant(fixed(t, 2022, 3, 15))
        for dd in [(2022, 3, 15), (2023, 3, 15)]:
            login(u, fixed(t, *dd))
            decl(u, fixed(t, *dd))
        designed[(2022, "free_user")] += t
        designed[(2023, "free_user")] += t
        self.w.traps["M-CAR-3: declarations exactly 12 months apart (both count)"] = t
        u = dormant(fixed(t, 2022, 3, 15))
        for dd in [(2022, 3, 15), (2023, 2, 15)]:
            login(u, fixed(t, *dd))
            decl(u, fixed(t, *dd))
        designed[(2022, "free_user")] += t
        self.w.traps["M-CAR-3: declarations 11 months apart (second does not count)"] = t
        u = dormant(fixed(t, 2020, 2, 29))
        for dd in [(2020, 2, 29), (2021, 2, 28)]:
            login(u, fixed(t, *dd))
            decl(u, fixed(t, *dd))
        designed[(2020, "free_user")] += t
        designed[(2021, "free_user")] += t
        self.w.traps["M-CAR-3: Feb 29 then Feb 28 next year (both count)"] = t
        u = dormant(fixed(t, 2022, 12, 20))
        login(u, fixed(t, 2022, 12, 20))
        decl(u, fixed(t, 2023, 1, 1), secs=1800, z=True)
        designed[(2023, "free_user")] += t
        self.w.traps["G-1: declared 00:30 Paris Jan 1 2023 written 2022-12-31T23:30:00Z"] = t
        d = uniform_int(rng, fixed(t, 2023, 2, 1), fixed(t, 2023, 12, 31))
        u = dormant(d - 365)
        login(u, d - 365)
        decl(u, d)
        designed[(2023, "free_user")] += t
        self.w.traps["M-CAR-2: only login exactly 365 days before (active)"] = t
        d = uniform_int(rng, fixed(t, 2023, 2, 1), fixed(t, 2023, 12, 31))
        u = dormant(d - 366)
        login(u, d - 366)
        decl(u, d)
        self.w.traps["M-CAR-2: only login 366 days before (inactive)"] = t
        d = uniform_int(rng, fixed(t, 2023, 2, 1), fixed(t, 2023, 12, 31))
        u = dormant(d - 10)
        decl(u, d)
        self.w.traps["M-CAR-2: declarer who never logged in"] = t
        # a cancelled enrolment covering the date does not make a student (G-5)
        d = uniform_int(rng, fixed(t, 2023, 2, 1), fixed(t, 2023, 12, 31))
        u = dormant(d - 20)
        login(u, d - 1)
        decl(u, d)
        self.w.enrollments = cat(
            [
                self.w.enrollments,
                {
                    "user": u,
                    "path": self.pick_paths(d),
                    "app": np.full(t, NULL, np.int64),
                    "funding": np.full(t, F_APPRENTICE),
                    "start": d - 10,
                    "cancelled": np.ones(t, bool),
                    "expected": add_months(d - 10, 12),
                    "grad": np.full(t, NULL, np.int64),
                    "ended": d - 3,
                    "status": np.full(t, "cancelled", dtype=object),
                    "enr_idx": np.arange(t) + len(e["user"]),
                    "describing": np.zeros(t, bool),
                },
            ]
        )
        e = self.w.enrollments
        designed[(2023, "free_user")] += t
        self.w.traps["M-CAR-4: declarer holding only a cancelled apprenticeship (free user)"] = t
        # deletions: after the declaration (counts), before it (does not)
        d = uniform_int(rng, fixed(t, 2022, 2, 1), fixed(t, 2022, 11, 30))
        u = dormant(d - 30)
        login(u, d - 30)
        decl(u, d)
        self.deleted_at["user"] = np.r_[self.deleted_at["user"], u]
        self.deleted_at["utc"] = np.r_[self.deleted_at["utc"], at_paris(d + 200, np.full(t, 43200))]
        designed[(2022, "free_user")] += t
        self.w.traps["M-CAR-2: account deleted after its declaration (counts)"] = t
        u = dormant(d - 30)
        login(u, d - 30)
        decl(u, d + 10)
        self.deleted_at["user"] = np.r_[self.deleted_at["user"], u]
        self.deleted_at["utc"] = np.r_[self.deleted_at["utc"], at_paris(d - 5, np.full(t, 43200))]
        self.w.traps["M-CAR-2: declaration after the account was deleted"] = t
        # --- students and apprentices: a date inside one of their spans
        live = np.flatnonzero(~e["cancelled"] & ~np.isin(e["user"], self.test_users))
        app_users = np.unique(e["user"][live][e["funding"][live] == F_APPRENTICE])
        sp_end = span_end(e["grad"], e["ended"], e["expected"])
        used = np.zeros(self.u.n, bool)
        self.w.expected["career"] = {}
        # M-CAR-2 by the enrolment span alone: former students who never log in (their random
        # logins are switched off), declaring 11 months after graduating (active, student) or
        # 30 days after the span end (inactive)
        per_user = np.bincount(e["user"][live], minlength=self.u.n)
        cand = live[
            (e["grad"][live] != NULL)
            & (per_user[e["user"][live]] == 1)
            & ~np.isin(e["user"][live], app_users)
        ]
        d_in = add_months(np.where(e["grad"][cand] != NULL, e["grad"][cand], 0), 11)
        d_out = sp_end[cand] + 30
        perm = rng.permutation(len(cand))
        sel_in = perm[((d_in <= P_END) & (d_in >= day(2020, 1, 1)))[perm]][:t]
        rest = perm[~np.isin(perm, sel_in)]
        sel_out = rest[(d_out <= P_END)[rest]][:t]
        for sel, dd in ((sel_in, d_in), (sel_out, d_out)):
            users = e["user"][cand[sel]]
            used[users] = True
            self.dormant_users.append(users)
            decl(users, dd[sel])
        for yy, c in zip(*np.unique(year_of_day(d_in[sel_in]), return_counts=True), strict=True):
            designed[(int(yy), "student")] += int(c)
        self.w.traps["M-CAR-2: never-logged-in former student, 11 months after graduating"] = len(
            sel_in
        )
        self.w.traps["M-CAR-2: never-logged-in former student, after the span end (inactive)"] = (
            len(sel_out)
        )
        for y in YEARS:
            total = self.n(CAREER[y])
            st_share, ap_share = CAREER_SEGMENTS[y]
            k_st, k_ap = max(1, k_of(st_share, total)), max(1, k_of(ap_share, total))
            lo, hi = int(year_start(y)), min(int(year_start(y + 1)) - 1, P_END)
            for seg, k in (("apprentice", k_ap), ("student", k_st)):
                if seg == "apprentice":
                    pool = live[e["funding"][live] == F_APPRENTICE]
                else:
                    pool = live[~np.isin(e["user"][live], app_users)]
                a0 = np.maximum(e["start"][pool], lo)
                a1 = np.minimum(sp_end[pool], hi)
                pool, a0, a1 = pool[a0 <= a1], a0[a0 <= a1], a1[a0 <= a1]
                pick = rng.permutation(len(pool))
                pick = pick[~used[e["user"][pool[pick]]]]
                _, first = np.unique(e["user"][pool[pick]], return_index=True)
                pick = pick[np.sort(first)][:k]
                assert len(pick) == k, (y, seg, len(pick), k)
                used[e["user"][pool[pick]]] = True
                decl(e["user"][pool[pick]], uniform_int(rng, a0[pick], a1[pick]))
                designed[(y, seg)] += k
            free_k = total - sum(
                designed[(y, seg)] for seg in ("student", "apprentice", "free_user")
            )
            assert free_k > 0
            d = uniform_int(rng, np.full(free_k, lo), np.full(free_k, hi))
            back = np.minimum(rng.integers(0, 366, free_k), d - P_START)
            u = dormant(d - back)
            login(u, d - back)
            decl(u, d)
            designed[(y, "free_user")] += free_k
            # decoys from other active free users: not crediting, crediting unknown, type other
            nd = max(3, int(round(0.12 * free_k)))
            d = uniform_int(rng, np.full(nd, lo), np.full(nd, hi))
            u = dormant(d)
            login(u, d)
            third = nd // 3
            decl(u[:third], d[:third], credits=False)
            decl(u[third : 2 * third], d[third : 2 * third], credits=None)
            decl(u[2 * third :], d[2 * third :], otype="other")
            self.w.traps["M-CAR-1: credits_openclassrooms false"] += third
            self.w.traps["M-CAR-1: credits_openclassrooms empty"] += third
            self.w.traps["M-CAR-1: outcome_type other"] += nd - 2 * third
        # test accounts declare too (G-2)
        tu = self.test_users
        decl(tu, np.full(len(tu), day(2023, 5, 1)))
        dcl = cat(rows)
        self.w.declarations = dcl
        self.w.expected["career_designed"] = designed

    # ------------------------------------------------------------------ everyone else
    def make_general_and_finish(self) -> None:
        rng = self.rng
        n_gen = max(0, self.n(ACCOUNTS) - self.u.n)
        old = rng.random(n_gen) < 0.45
        cday = np.where(
            old,
            uniform_int(rng, np.full(n_gen, day(2014, 1, 1)), np.full(n_gen, P_START - 1)),
            uniform_int(rng, np.full(n_gen, P_START), np.full(n_gen, P_END)),
        )
        created = at_paris(cday, time_of_day(rng, n_gen))
        start = np.maximum(created, P_START * DAY) + (rng.exponential(60, n_gen) * DAY).astype(
            np.int64
        )
        end = start + (rng.exponential(GENERAL_ACTIVE_DAYS, n_gen) * DAY).astype(np.int64)
        rate = rng.lognormal(np.log(GENERAL_RATE) - 0.32, 0.8, n_gen)
        rate[rng.random(n_gen) < 0.1] = 0.0
        self.u.add(created, start, end, rate, ROLE_GENERAL)
        created, act_start, act_end, rate, role = self.u.arrays()
        rate[np.concatenate(self.dormant_users)] = 0.0  # former students who never log in
        n = self.u.n
        # deletions (history stays; logins stop before the deletion)
        deleted = np.full(n, NULL, np.int64)
        gen = np.flatnonzero(role == ROLE_GENERAL)
        cand = gen[(act_end[gen] + 100 * DAY < P_END * DAY)]
        pick = rng.permutation(cand)[: int(0.02 * len(gen))]
        deleted[pick] = act_end[pick] + rng.integers(DAY, 100 * DAY, len(pick))
        deleted[self.deleted_at["user"]] = self.deleted_at["utc"]
        self.w.traps["G-3/PII: deleted accounts (PII empty)"] = int((deleted != NULL).sum())
        is_test = np.zeros(n, bool)
        is_test[: len(self.is_test)] = self.is_test
        gender = np.full(n, "", dtype=object)
        gender[: len(self.gender_of)] = self.gender_of
        rest = np.flatnonzero(gender == "")
        rest = rest[rest >= len(self.gender_of)]
        gl = np.array(["female", "male", "non_binary", "undisclosed", ""], dtype=object)
        gender[rest] = gl[quota(rng, len(rest), [0.45, 0.48, 0.01, 0.03])]
        # home country of logins: only the 222 "reachable" countries
        reach = np.array([C.CODES.index(c) for c in C.REACHABLE])
        weights = np.ones(len(reach))
        weights[reach == C.CODES.index("FR")] = 400
        for code, w in (
            ("MA", 40),
            ("DZ", 30),
            ("TN", 25),
            ("SN", 20),
            ("CI", 20),
            ("CM", 20),
            ("BE", 25),
            ("CH", 15),
            ("CA", 15),
            ("US", 10),
        ):
            weights[reach == C.CODES.index(code)] = w
        home = reach[rng.choice(len(reach), n, p=weights / weights.sum())]
        w = self.w
        w.users = {
            "created": created,
            "gender": gender,
            "is_test": is_test,
            "deleted": deleted,
            "role": role,
        }
        w.act_start, w.act_end, w.rate, w.home_country = act_start, act_end, rate, home
        # 222 anchor free users, one per reachable country, each logging in once in 2023
        k = len(reach)
        d = uniform_int(rng, np.full(k, day(2023, 1, 10)), np.full(k, day(2023, 12, 20)))
        anchors = np.arange(n, n + k)
        self.append_users(anchors, at_paris(d - 100, np.full(k, 36000)), ROLE_ANCHOR, reach)
        self.force_login(anchors, at_paris(d, time_of_day(rng, k)), reach)
        self.w.traps["M-REA-2: one free user per reachable country in 2023"] = k
        # G-1 edges for free users: only 2023 login at 00:30 Paris Jan 1 (22:30/23:30Z Dec 31)
        t = self.trap_n
        edge = np.arange(n + k, n + k + 2 * t)
        self.append_users(
            edge,
            np.full(2 * t, at_paris(day(2018, 6, 1), 36000)),
            ROLE_ANCHOR,
            np.full(2 * t, C.CODES.index("FR")),
        )
        self.force_login(edge[:t], np.full(t, at_paris(day(2023, 1, 1), 1800)))
        self.force_login(edge[t:], np.full(t, at_paris(day(2022, 12, 31), 23 * 3600 + 1800)))
        self.force_login(edge[t:], np.full(t, at_paris(day(2019, 1, 1), 1200)))
        self.w.traps["G-1: login at 00:20 Paris on 2019-01-01 (partition month=2018-12)"] = t
        self.w.traps["G-1: free user whose only login is 00:30 Paris Jan 1 (2023)"] = t
        self.w.traps["G-1: free user whose only login is 23:30 Paris Dec 31 (2022)"] = t
        # logins from a country outside the 222 by a test account and by a 2023 student
        self.force_login(
            np.flatnonzero(w.users["is_test"])[:1],
            np.full(1, at_paris(day(2023, 5, 5), 40000)),
            "AQ",
        )
        e = w.enrollments
        st = np.flatnonzero(
            ~e["cancelled"]
            & (e["start"] <= day(2023, 6, 1))
            & (span_end(e["grad"], e["ended"], e["expected"]) >= day(2023, 6, 6))
            & ~w.users["is_test"][e["user"]]
            & (w.rate[e["user"]] > 0)
        )
        self.force_login(e["user"][st[:1]], np.full(1, at_paris(day(2023, 6, 6), 40000)), "AQ")
        self.w.traps["M-REA-2: 2023 login from Antarctica (AQ) by a test account / a student"] = 2
        w.forced_logins = cat(self.forced)

    def append_users(self, idx, created, role, home) -> None:
        w = self.w
        k = len(idx)
        w.users = {
            "created": np.r_[w.users["created"], created],
            "gender": np.r_[w.users["gender"], np.full(k, "female", dtype=object)],
            "is_test": np.r_[w.users["is_test"], np.zeros(k, bool)],
            "deleted": np.r_[w.users["deleted"], np.full(k, NULL, np.int64)],
            "role": np.r_[w.users["role"], np.full(k, role, np.int8)],
        }
        w.act_start = np.r_[w.act_start, created]
        w.act_end = np.r_[w.act_end, created]
        w.rate = np.r_[w.rate, np.zeros(k)]
        w.home_country = np.r_[w.home_country, home]


GENERAL_ACTIVE_DAYS = 1000.0
GENERAL_RATE = 0.032


def simulate(scale: float, seed: int) -> tuple[World, np.random.Generator]:
    sim = Simulator(scale, seed)
    sim.make_paths()
    sim.make_applications()
    sim.make_enrollments()
    test_users = sim.make_test_accounts()
    sim.make_students(test_users)
    sim.make_responses()
    sim.make_declarations()
    sim.make_general_and_finish()
    return sim.w, sim.rng


POSITIVE = np.array(
    [
        "new_job",
        "new_job",
        "new_job",
        "new_internship",
        "new_apprenticeship",
        "business_creation",
        "promotion",
        "salary_increase",
        "internal_mobility",
    ],
    dtype=object,
)
