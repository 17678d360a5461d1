"""Write a simulated `World` as the nine exports of RAW_EXPORTS.md, with the file-level traps
(older overlapping files, stray case and spaces, `Z` offsets, boolean spellings, ...)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import countries as C
from .model import NULL, OLD_EXPORT, P_END, P_START
from .render import LOGIN_SCHEMA, to_arrow, write_csv, write_parquet
from .simulate import World
from .timeutil import DAY, at_paris, day, paris_day, year_of_day

NEW_FILE = "2024-07-01"
OLD_FILE = "2024-01-01"
OLD_UTC = int(at_paris(np.array([OLD_EXPORT]), np.array([0]))[0])

FIRST_NAMES = np.array(
    [
        "Amina",
        "Lucas",
        "Chloé",
        "Mamadou",
        "Léa",
        "Hugo",
        "Fatou",
        "Nathan",
        "Inès",
        "Yanis",
        "Camille",
        "Moussa",
        "Zoé",
        "Karim",
        "Anaïs",
        "Olivier",
        "Aïcha",
        "Thomas",
        "Sofia",
        "Jean-Baptiste",
    ],
    dtype=object,
)
LAST_NAMES = np.array(
    [
        "Martin",
        "Diallo",
        "Bernard",
        "N'Diaye",
        "Dubois",
        "Traoré",
        "Lefèvre",
        "Benali",
        "Moreau",
        "Kouassi",
        "Garcia",
        "Nguyen",
        "Petit",
        "Haddad",
        "Roux",
        "O'Connor",
        "Fontaine",
        "Mbappé",
        "Girard",
        "Da Silva",
    ],
    dtype=object,
)
CITIES_FR = np.array(
    [
        "Paris",
        "Lyon",
        "Marseille",
        "Bourg-en-Bresse",
        "Nice",
        "Saint-Étienne",
        "Lille",
        "Toulouse",
        "Ajaccio",
        "Saint-Denis",
    ],
    dtype=object,
)
POSTAL_FR = np.array(
    ["75011", "69003", "13015", "01000", "06000", "42000", "59000", "31000", "20000", "93200"],
    dtype=object,
)


class Writer:
    def __init__(
        self, w: World, out: Path, rng: np.random.Generator, progress: Callable[[str], None]
    ) -> None:
        self.w, self.out, self.rng, self.progress = w, out, rng, progress
        self.row_counts: dict[str, int] = {}
        self.file_rows: dict[str, int] = {}

    # ------------------------------------------------------------------ helpers
    def zmask(self, n: int, share: float = 0.03) -> np.ndarray:
        return self.rng.random(n) < share

    def messy(self, values: np.ndarray, share: float = 0.02, upper: bool = False) -> np.ndarray:
        """Stray case and surrounding spaces on a share of category values."""
        v = np.asarray(values, dtype=object).copy()
        idx = np.flatnonzero(
            (self.rng.random(len(v)) < share) & np.array([x is not None for x in v])
        )
        kinds = self.rng.integers(0, 4, len(idx))
        for i, kd in zip(idx.tolist(), kinds.tolist(), strict=True):
            x = v[i]
            v[i] = [x.lower() if upper else x.upper(), " " + x, x + " ", x.title()][kd]
        return v

    def booleans(self, values: np.ndarray) -> np.ndarray:
        """True/False/None -> any accepted spelling (true/false, 1/0, yes/no, any case)."""
        t = np.array(["true", "TRUE", "1", "yes", "Yes", "True"], dtype=object)
        f = np.array(["false", "FALSE", "0", "no", "No", "False"], dtype=object)
        n = len(values)
        pick = self.rng.integers(0, 6, n)
        out = np.full(n, None, dtype=object)
        vals = np.asarray(values, dtype=object)
        is_t = np.array([x is True for x in vals])
        is_f = np.array([x is False for x in vals])
        out[is_t] = t[pick[is_t]]
        out[is_f] = f[pick[is_f]]
        return out

    def write(self, export: str, date: str, cols, zmask) -> None:
        table = to_arrow(cols, zmask)
        write_csv(table, self.out / export / f"{export}_{date}.csv")
        self.file_rows[f"{export}/{export}_{date}.csv"] = table.num_rows
        self.row_counts[export] = self.row_counts.get(export, 0) + table.num_rows

    # ------------------------------------------------------------------ ids
    def assign_ids(self) -> None:
        """Identifiers in chronological order (creation, submission, start, collection)."""
        w = self.w

        def rank(time: np.ndarray) -> np.ndarray:
            order = np.lexsort((np.arange(len(time)), time))
            ids = np.empty(len(time), np.int64)
            ids[order] = np.arange(1, len(time) + 1)
            return ids

        w.users["id"] = rank(w.users["created"])
        w.applications["id"] = rank(w.applications["submitted_at"])
        w.enrollments["id"] = rank(w.enrollments["start"])
        w.profiles["id"] = rank(w.profiles["collected"])
        w.addresses["id"] = rank(w.addresses["valid_from"])
        w.responses["id"] = rank(w.responses["collected"])
        w.declarations["id"] = rank(w.declarations["declared"])

    # ------------------------------------------------------------------ exports
    def paths(self) -> None:
        p = self.w.paths
        n = len(p["path_id"])
        domain, language = self.messy(p["domain"], 0.05), self.messy(p["language"], 0.1)
        z = self.zmask(n, 0.1)
        for date, old in ((OLD_FILE, True), (NEW_FILE, False)):
            name = p["path_name"].copy()
            retired = p["retired_on"].copy()
            upd = p["updated_at"].copy()
            if old:
                name[:5] = [f"{x} (beta)" for x in name[:5]]
                upd = np.minimum(upd, OLD_UTC - 86400 * 30)
            self.write(
                "paths",
                date,
                [
                    ("path_id", "str", p["path_id"]),
                    ("path_name", "str", name),
                    ("domain", "str", domain),
                    ("rncp_level", "int", p["rncp_level"]),
                    ("duration_months", "int", p["duration_months"]),
                    ("language", "str", language),
                    ("launched_on", "day", p["launched_on"]),
                    ("retired_on", "day", retired),
                    ("updated_at", "ts", upd),
                ],
                z,
            )
        self.progress(f"paths: {n} paths")

    def users(self) -> None:
        w, rng = self.w, self.rng
        u = w.users
        n = len(u["id"])
        order = np.argsort(u["id"])
        created, deleted = u["created"][order], u["deleted"][order]
        ids = u["id"][order]
        gender = u["gender"][order]
        is_test = u["is_test"][order]
        first = rng.integers(0, len(FIRST_NAMES), n)
        last = rng.integers(0, len(LAST_NAMES), n)
        birth = np.where(
            rng.random(n) < 0.1, NULL, rng.integers(day(1960, 1, 1), day(2006, 1, 1), n)
        )
        changed = (created < OLD_UTC) & (rng.random(n) < 0.10)
        upd_new = np.where(
            changed,
            at_paris(rng.integers(OLD_EXPORT + 1, P_END, n), 36000),
            created + rng.integers(0, 3 * 86400, n),
        )
        upd_new = np.where(deleted != NULL, np.maximum(deleted, created), upd_new)
        tie = (
            (created < OLD_UTC - 86400 * 5) & ~changed & (deleted == NULL) & (rng.random(n) < 0.002)
        )
        upd_new = np.minimum(upd_new, at_paris(np.full(n, P_END), np.full(n, 80000)))
        upd_old = np.minimum(created + rng.integers(0, 3 * 86400, n), OLD_UTC - 3600)
        upd_old = np.where(changed | (deleted >= OLD_UTC) | (upd_new >= OLD_UTC), upd_old, upd_new)
        upd_old = np.where(tie, upd_new, upd_old)
        g_other = np.where(gender == "female", "undisclosed", "female").astype(object)
        # rendering choices drawn once: an unchanged record is repeated byte for byte
        fn_all = FIRST_NAMES[first]
        ln_all = LAST_NAMES[last]
        email = pc.binary_join_element_wise(
            pc.utf8_lower(pa.array(fn_all)),
            ".",
            pc.utf8_lower(pa.array(ln_all)),
            pc.cast(pa.array(ids), pa.string()),
            "@example.org",
            "",
        )
        email = pc.replace_substring(pc.replace_substring(email, " ", ""), "'", "")
        email = email.to_numpy(zero_copy_only=False).astype(object)
        up = rng.random(n) < 0.05
        email[up] = [x.upper() for x in email[up]]
        g_new = gender.astype(object).copy()
        g_new[g_new == ""] = None
        g_new = self.messy(g_new, 0.03)
        flags = self.test_flags(is_test)
        z = self.zmask(n)
        for date, old in ((OLD_FILE, True), (NEW_FILE, False)):
            sel = created < OLD_UTC if old else np.ones(n, bool)
            dele = deleted.copy()
            g = g_new
            if old:
                dele[dele >= OLD_UTC] = NULL
                g = np.where(changed | tie, g_other, g_new)  # G-3: the newer version wins
                g[g == ""] = None
            gone = dele != NULL
            fn, ln, em = fn_all.copy(), ln_all.copy(), email.copy()
            fn[gone] = None
            ln[gone] = None
            em[gone] = None
            bd = np.where(gone, NULL, birth)
            cols = [
                ("user_id", "int", ids[sel]),
                ("created_at", "ts", created[sel]),
                ("updated_at", "ts", (upd_old if old else upd_new)[sel]),
                ("email", "str", em[sel]),
                ("first_name", "str", fn[sel]),
                ("last_name", "str", ln[sel]),
                ("birth_date", "day", bd[sel]),
                ("gender", "str", g[sel]),
                ("is_test_account", "str", flags[sel]),
                ("deleted_at", "ts", dele[sel]),
            ]
            self.write("users", date, cols, z[sel])
        self.w.traps["G-3: user changed after the older users file (gender/deletion)"] = int(
            changed.sum()
        )
        self.w.traps[
            "G-3: same updated_at in both users files, values differ (later file wins)"
        ] = int(tie.sum())
        self.progress(f"users: {n} accounts")

    def test_flags(self, is_test: np.ndarray) -> np.ndarray:
        n = len(is_test)
        t = np.array(["true", "TRUE", "1", "yes", "Yes"], dtype=object)
        f = np.array(["false", "0", "no", None, "False", None], dtype=object)
        return np.where(is_test, t[self.rng.integers(0, 5, n)], f[self.rng.integers(0, 6, n)])

    def applications(self) -> None:
        a, rng = self.w.applications, self.rng
        n = len(a["id"])
        pid = self.w.paths["path_id"][a["path"]]
        pid = pid.copy()
        sp = rng.random(n) < 0.01
        pid[sp] = [f" {x.lower()}" for x in pid[sp]]
        fund = np.array(
            ["self_funded", "employer", "public", "apprenticeship", None], dtype=object
        )[a["funding"]]
        upd = np.maximum(
            a["submitted_at"], np.where(a["decided_at"] == NULL, 0, a["decided_at"])
        ) + rng.integers(0, 3600, n)
        upd = np.minimum(upd, at_paris(np.full(n, P_END), np.full(n, 80000)))
        sub_old = paris_day(a["submitted_at"]) < OLD_EXPORT
        later = (a["decided_at"] != NULL) & (a["decided_at"] >= OLD_UTC - 3600)
        z = self.zmask(n) | a["zforce"]
        status_m, fund_m = self.messy(a["status"], 0.01), self.messy(fund, 0.01)
        for date, old in ((OLD_FILE, True), (NEW_FILE, False)):
            sel = sub_old if old else np.ones(n, bool)
            status = status_m.copy()
            dec = a["decided_at"].copy()
            u = upd.copy()
            if old:
                status[later] = "under_review"
                dec[later] = NULL
                u[later] = np.minimum(a["submitted_at"][later] + 7200, OLD_UTC - 7200)
            o = np.flatnonzero(sel)[np.argsort(a["id"][sel])]
            self.write(
                "applications",
                date,
                [
                    ("application_id", "int", a["id"][o]),
                    ("user_id", "int", self.uid(a["user"][o])),
                    ("path_id", "str", pid[o]),
                    ("submitted_at", "ts", a["submitted_at"][o]),
                    ("status", "str", status[o]),
                    ("decided_at", "ts", dec[o]),
                    ("funding_requested", "str", fund_m[o]),
                    ("updated_at", "ts", u[o]),
                ],
                z[o],
            )
        self.w.traps["G-3: application decided after the older file (older row under_review)"] = (
            int((sub_old & later).sum())
        )
        self.w.traps["stray case/space in path_id"] = int(sp.sum())
        self.progress(f"applications: {n} applications")

    def uid(self, internal: np.ndarray) -> np.ndarray:
        return self.w.users["id"][internal]

    def enrollments(self) -> None:
        e, rng = self.w.enrollments, self.rng
        n = len(e["id"])
        status_m_all, z_all = self.messy(e["status"], 0.01), self.zmask(n)
        pid = self.w.paths["path_id"][e["path"]]
        app_id = np.where(
            e["app"] == NULL,
            NULL,
            self.w.applications["id"][np.where(e["app"] == NULL, 0, e["app"])],
        )
        fund = np.array(["self_funded", "employer", "public", "apprenticeship"], dtype=object)[
            e["funding"]
        ]
        fund_m_all = self.messy(fund, 0.01)
        last_event = np.maximum.reduce(
            [
                e["start"],
                np.where(e["ended"] == NULL, 0, e["ended"]),
                np.where(e["grad"] == NULL, 0, e["grad"]),
            ]
        )
        upd = at_paris(np.minimum(last_event + rng.integers(0, 4, n), P_END), np.full(n, 70000))
        started_old = e["start"] < OLD_EXPORT
        fin_later = ((e["grad"] != NULL) & (e["grad"] >= OLD_EXPORT)) | (
            (e["ended"] != NULL) & (e["ended"] >= OLD_EXPORT)
        )
        ext = started_old & ~fin_later & (e["status"] == "active") & (rng.random(n) < 0.03)
        ext |= started_old & fin_later & (rng.random(n) < 0.03)
        for date, old in ((OLD_FILE, True), (NEW_FILE, False)):
            fund_m, status_m, z = fund_m_all, status_m_all, z_all
            status, grad, ended, exp = (
                status_m.copy(),
                e["grad"].copy(),
                e["ended"].copy(),
                e["expected"].copy(),
            )
            u = upd.copy()
            sel = started_old if old else np.ones(n, bool)
            if old:
                status[fin_later] = "active"
                grad[fin_later] = NULL
                ended[fin_later] = NULL
                exp[ext] = exp[ext] - 61  # extension approved later (G-3: newer row wins)
                u = np.where(
                    fin_later | ext,
                    at_paris(np.minimum(e["start"] + 1, OLD_EXPORT - 1), np.full(n, 3600 * 10)),
                    u,
                )
                u = np.where(fin_later | ext, np.minimum(u, OLD_UTC - 7200), u)
                u = np.where(ext & ~fin_later, u - 1, u)
                self.upd_new_ext = None
            else:
                # an extension makes the newer row newer than the older one
                u = np.where(ext & ~fin_later, np.maximum(u, OLD_UTC + 86400 * 3), u)
                u = np.minimum(u, at_paris(np.full(n, P_END), np.full(n, 80000)))
            o = np.flatnonzero(sel)[np.argsort(e["id"][sel])]
            self.write(
                "enrollments",
                date,
                [
                    ("enrollment_id", "int", e["id"][o]),
                    ("user_id", "int", self.uid(e["user"][o])),
                    ("path_id", "str", pid[o]),
                    ("application_id", "int", app_id[o]),
                    ("funding_type", "str", fund_m[o]),
                    ("status", "str", status[o]),
                    ("started_on", "day", e["start"][o]),
                    ("expected_end_on", "day", exp[o]),
                    ("ended_on", "day", ended[o]),
                    ("graduated_on", "day", grad[o]),
                    ("updated_at", "ts", u[o]),
                ],
                z[o],
            )
        self.w.traps["G-3: enrolment finished after the older file (older row active)"] = int(
            (started_old & fin_later).sum()
        )
        self.w.traps["G-3: expected_end_on extended after the older file"] = int(ext.sum())
        self.progress(f"enrollments: {n} enrolments")

    def append_only(
        self, export: str, n: int, event_day: np.ndarray, cols_fn, z: np.ndarray, new_from: int
    ) -> None:
        """Older file: events before 2024-01-01; newer file: events from `new_from` (overlap =
        exact copies, G-3)."""
        for date, sel in ((OLD_FILE, event_day < OLD_EXPORT), (NEW_FILE, event_day >= new_from)):
            o = np.flatnonzero(sel)
            self.write(export, date, cols_fn(o), z[o])
        overlap = int(((event_day < OLD_EXPORT) & (event_day >= new_from)).sum())
        self.w.traps[f"G-3: exact copy of a {export} row in both files"] = overlap

    def profiles(self) -> None:
        p = self.w.profiles
        n = len(p["id"])
        o_all = np.argsort(p["id"])
        p = {k: v[o_all] for k, v in p.items()}
        eid = self.w.enrollments["id"][p["enr"]]
        emp, qual = self.messy(p["emp"], 0.02), self.messy(p["qual"], 0.02)
        dis, ref = self.messy(p["dis"], 0.02), self.messy(p["ref"], 0.02)

        def cols(o):
            return [
                ("profile_id", "int", p["id"][o]),
                ("user_id", "int", self.uid(p["user"][o])),
                ("enrollment_id", "int", eid[o]),
                ("collected_at", "ts", p["collected"][o]),
                ("employment_status", "str", emp[o]),
                ("highest_qualification", "str", qual[o]),
                ("has_disability", "str", dis[o]),
                ("is_refugee", "str", ref[o]),
            ]

        self.append_only(
            "student_profiles", n, paris_day(p["collected"]), cols, self.zmask(n), day(2023, 7, 1)
        )
        self.progress(f"student_profiles: {n} profile rows")

    def addresses(self) -> None:
        ad, rng = self.w.addresses, self.rng
        o_all = np.argsort(ad["id"])
        ad = {k: v[o_all] for k, v in ad.items()}
        n = len(ad["id"])
        country = ad["country"]
        fr = np.isin(country, list(C.FRANCE_TERRITORIES))
        k = rng.integers(0, len(CITIES_FR), n)
        postal = np.where(
            fr,
            POSTAL_FR[k],
            np.array(["10115", "1000", "H2X 1Y4", "20000", "B-1000"], dtype=object)[k % 5],
        )
        city = np.where(
            fr,
            CITIES_FR[k],
            np.array(["Berlin", "Bruxelles", "Montréal", "Casablanca", "Dakar"], dtype=object)[
                k % 5
            ],
        )
        street = np.array(
            [
                f"{i % 120 + 1} {s}"
                for i, s in zip(
                    range(n),
                    np.array(
                        [
                            "rue de la Paix",
                            "avenue Jean-Jaurès",
                            "bd Voltaire, bât. B",
                            'allée des "Lilas"',
                            "place du Marché",
                        ]
                    )[k % 5],
                    strict=True,
                )
            ],
            dtype=object,
        )
        cc = self.messy(country, 0.06, upper=True)
        qpv = self.messy(ad["qpv"], 0.05, upper=True)
        prec, z = self.messy(ad["precision"], 0.02), self.zmask(n)
        upd = at_paris(
            np.minimum(ad["valid_from"] + rng.integers(0, 5, n), P_END), np.full(n, 50000)
        )
        upd = np.maximum(upd, at_paris(np.full(n, P_START - 400), np.zeros(n, np.int64)))
        in_old = paris_day(upd) < OLD_EXPORT
        changed = in_old & (rng.random(n) < 0.05)
        for date, old in ((OLD_FILE, True), (NEW_FILE, False)):
            pc_ = postal.copy()
            u = upd.copy()
            if old:
                pc_[changed] = "99999"
            else:
                u[changed] = at_paris(
                    np.full(int(changed.sum()), day(2024, 3, 1)), np.full(int(changed.sum()), 40000)
                )
            sel = in_old if old else np.ones(n, bool)
            o = np.flatnonzero(sel)
            self.write(
                "addresses",
                date,
                [
                    ("address_id", "int", ad["id"][o]),
                    ("user_id", "int", self.uid(ad["user"][o])),
                    ("valid_from", "day", ad["valid_from"][o]),
                    ("country_code", "str", cc[o]),
                    ("postal_code", "str", pc_[o]),
                    ("city", "str", city[o]),
                    ("street_line", "str", street[o]),
                    ("geocode_precision", "str", prec[o]),
                    ("qpv_code", "str", qpv[o]),
                    ("updated_at", "ts", u[o]),
                ],
                z[o],
            )
        self.w.traps["leading-zero postal code (01000)"] = int((postal == "01000").sum())
        self.w.traps["Namibia NA country code"] = int((country == "NA").sum())
        self.w.traps["G-3: address corrected after the older file"] = int(changed.sum())
        self.progress(f"addresses: {n} addresses")

    def responses(self) -> None:
        r, rng = self.w.responses, self.rng
        o_all = np.argsort(r["id"])
        r = {k: v[o_all] for k, v in r.items()}
        n = len(r["id"])
        s = r["situation"]
        contract = np.full(n, None, dtype=object)
        emp = s == "employed"
        contract[emp] = np.array(["permanent", "fixed_term", "temporary"], dtype=object)[
            rng.integers(0, 3, int(emp.sum()))
        ]
        contract[np.isin(s, ["self_employed", "business_creation"])] = "freelance"
        contract[s == "apprenticeship"] = "fixed_term"
        titles = np.array(
            [
                "Data analyst",
                "Développeur, full stack",
                'Chef de projet "digital"',
                "Technicien support\nniveau 2",
                "UX designer",
                "Assistant RH",
            ],
            dtype=object,
        )
        has_job = np.isin(
            s, ["employed", "self_employed", "business_creation", "apprenticeship", "internship"]
        )
        title = np.where(has_job, titles[rng.integers(0, len(titles), n)], None)
        rel = np.where(has_job, rng.random(n) < 0.7, None)
        rel[rng.random(n) < 0.1] = None
        rel_s = self.booleans(rel)
        eid = self.w.enrollments["id"][r["enr"]]
        situ = self.messy(s, 0.02)
        z = self.zmask(n) | r["zforce"]

        def cols(o):
            return [
                ("response_id", "int", r["id"][o]),
                ("enrollment_id", "int", eid[o]),
                ("user_id", "int", self.uid(r["user"][o])),
                ("collected_at", "ts", r["collected"][o]),
                ("situation", "str", situ[o]),
                ("contract_type", "str", contract[o]),
                ("job_started_on", "day", r["job_start"][o]),
                ("job_title", "str", title[o]),
                ("related_to_path", "str", rel_s[o]),
            ]

        self.append_only("job_outcomes", n, paris_day(r["collected"]), cols, z, day(2023, 7, 1))
        self.progress(f"job_outcomes: {n} responses")

    def declarations(self) -> None:
        d, rng = self.w.declarations, self.rng
        o_all = np.argsort(d["id"])
        d = {k: v[o_all] for k, v in d.items()}
        n = len(d["id"])
        comments = np.array(
            [
                "Thanks to the Data path I got hired!",
                "Contact me: jane.doe@example.com",
                "Call me at +33 6 12 34 56 78, happy to testify",
                'Promoted to "lead", thanks',
                "New job\nat ACME, Lyon",
                "",
                "merci OC, j'ai trouvé un CDI",
            ],
            dtype=object,
        )
        com = comments[rng.integers(0, len(comments), n)]
        com[com == ""] = None
        channel = np.array(["survey", "profile", "support"], dtype=object)[rng.integers(0, 3, n)]
        cr = self.booleans(d["credits"])
        ot = self.messy(d["otype"], 0.02)
        ch = self.messy(channel, 0.02)
        z = self.zmask(n) | d["zforce"]

        def cols(o):
            return [
                ("declaration_id", "int", d["id"][o]),
                ("user_id", "int", self.uid(d["user"][o])),
                ("declared_at", "ts", d["declared"][o]),
                ("outcome_type", "str", ot[o]),
                ("credits_openclassrooms", "str", cr[o]),
                ("channel", "str", ch[o]),
                ("comment", "str", com[o]),
            ]

        self.append_only(
            "career_outcome_declarations", n, paris_day(d["declared"]), cols, z, day(2023, 10, 1)
        )
        self.progress(f"career_outcome_declarations: {n} declarations")

    # ------------------------------------------------------------------ logins
    def logins(self) -> dict:
        """Random logins per UTC month (Poisson per active user) plus the forced ones; returns
        the M-REA-1/2 truth accumulated on the way (free users and countries per Paris year)."""
        w, rng = self.w, self.rng
        u = w.users
        n = len(u["id"])
        e = w.enrollments
        years = list(range(2019, 2025))
        # span overlap with each year (M-REA-1), non-cancelled enrolments only
        from .model import span_end

        live = ~e["cancelled"]
        sp_end = span_end(e["grad"], e["ended"], e["expected"])
        enrolled = np.zeros((n, len(years) + 1), bool)
        for yi, y in enumerate(years):
            hit = live & (e["start"] <= day(y, 12, 31)) & (sp_end >= day(y, 1, 1))
            enrolled[e["user"][hit], yi] = True
        has_login = np.zeros((n, len(years) + 1), bool)
        seen_countries = np.zeros((len(years), len(C.CODES)), np.int64)
        t0 = P_START * DAY - 3600  # 2019-01-01 00:00 Paris
        t1 = (P_END + 1) * DAY - 7200  # 2024-07-01 00:00 Paris
        months = np.arange(np.datetime64("2018-12"), np.datetime64("2024-07"))
        fl = w.forced_logins
        fl_month = fl["utc"].astype("datetime64[s]").astype("datetime64[M]")
        codes = np.array(C.CODES + list(C.PSEUDO_CODES), dtype=object)
        reach = np.array([C.CODES.index(c) for c in C.REACHABLE])
        pseudo0 = len(C.CODES)
        code_dict = pa.array(list(codes) + [c.lower() + " " for c in codes], pa.string())
        plat_dict = pa.array(["web", "ios", "android"], pa.string())
        pool = ThreadPoolExecutor(max_workers=1)
        pending: list = []
        user_id = u["id"]
        total = 0
        for mi, m in enumerate(months):
            m0 = max(int(m.astype("datetime64[s]").astype(np.int64)), t0)
            m1 = min(int((m + 1).astype("datetime64[s]").astype(np.int64)), t1)
            lo = np.maximum(w.act_start, m0)
            hi = np.minimum(w.act_end, m1)
            act = np.flatnonzero((hi > lo) & (w.rate > 0))
            lam = w.rate[act] * (hi[act] - lo[act]) / DAY
            k = rng.poisson(lam)
            users = np.repeat(act, k)
            ts = lo[users] + (rng.random(len(users)) * (hi[users] - lo[users])).astype(np.int64)
            fsel = fl_month == m
            fu, ft, fc = fl["user"][fsel], fl["utc"][fsel], fl["country"][fsel]
            users = np.r_[users, fu]
            ts = np.r_[ts, ft]
            country = w.home_country[users].copy()
            travel = rng.random(len(users)) < 0.03
            country[travel] = reach[rng.integers(0, len(reach), int(travel.sum()))]
            country[len(users) - len(fu) :] = np.where(fc >= 0, fc, w.home_country[fu])
            r = rng.random(len(users))
            pseudo = r < 0.015
            country[pseudo] = pseudo0 + rng.integers(0, len(C.PSEUDO_CODES), int(pseudo.sum()))
            nullc = (r >= 0.015) & (r < 0.025)
            country[nullc] = -1
            rp = rng.random(len(users))
            plat = ((rp >= 0.6).astype(np.int32) + (rp >= 0.8)).astype(np.int32)  # web/ios/android
            order = np.argsort(ts * 4_194_304 + users)
            users, ts, country, plat = users[order], ts[order], country[order], plat[order]
            # truth accumulation (G-1 Paris year; G-2 test accounts out; M-REA-1/2)
            py = year_of_day(paris_day(ts)) - 2019
            okyr = (py >= 0) & (py < len(years))
            has_login[users[okyr], py[okyr]] = True
            free = okyr & ~enrolled[users, np.clip(py, 0, len(years))] & ~u["is_test"][users]
            valid = (country >= 0) & (country < pseudo0)
            fv = free & valid
            seen_countries += np.bincount(
                py[fv] * pseudo0 + country[fv], minlength=len(years) * pseudo0
            ).reshape(len(years), pseudo0)
            # 1% of codes in lower case with a trailing space (dictionary entries n_codes..)
            lower = (rng.random(len(users)) < 0.01) & (country >= 0)
            idx = np.where(lower, country + len(codes), country).astype(np.int32)
            cc = pa.DictionaryArray.from_arrays(
                pa.array(np.where(idx < 0, 0, idx), pa.int32(), mask=idx < 0), code_dict
            ).cast(pa.string())
            pl = pa.DictionaryArray.from_arrays(pa.array(plat), plat_dict).cast(pa.string())
            table = pa.table(
                [
                    pa.array(user_id[users], pa.int64()),
                    pa.array(ts * 1_000_000, pa.int64()).cast(pa.timestamp("us")),
                    cc,
                    pl,
                ],
                schema=LOGIN_SCHEMA,
            )
            folder = self.out / "logins" / f"month={m}"
            if str(m) == "2024-05":
                # a month re-delivered with late events in a second part
                late = rng.random(table.num_rows) < 0.02
                parts = [(table.filter(pa.array(~late)), folder / "part-0.parquet"),
                         (table.filter(pa.array(late)), folder / "part-1.parquet")]  # fmt: skip
            else:
                parts = [(table, folder / "part-0.parquet")]
            for part, path in parts:  # written by a second thread while the next month is drawn
                while len(pending) > 2:
                    pending.pop(0).result()
                pending.append(pool.submit(write_parquet, part, path))
            total += table.num_rows
            if mi % 6 == 5 or mi == len(months) - 1:
                self.progress(f"logins: {m} ({total:,} events so far)")
        for f in pending:
            f.result()
        pool.shutdown()
        self.row_counts["logins"] = total
        free_users = {}
        countries = {}
        for yi, y in enumerate(years):
            free_users[y] = int((has_login[:, yi] & ~enrolled[:, yi] & ~u["is_test"]).sum())
            countries[y] = int((seen_countries[yi] > 0).sum())
        self.w.traps["logins: month re-delivered in two parts (2024-05)"] = 1
        return {"free_users": free_users, "countries": countries}


def progress_to_stderr(msg: str) -> None:
    print(f"[generate] {msg}", file=sys.stderr, flush=True)
