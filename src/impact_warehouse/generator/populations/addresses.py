"""Residential addresses (M-UND, M-RES): each student's address at the enrolment start, in
the residence group and with the geocoding precision drawn by populations.profiles; a QPV
code on the exact French addresses of the QPV quota."""

from __future__ import annotations

import numpy as np

from .. import countries as C
from ..exports import NEW_FILE, OLD_FILE
from ..files import ExportFiles
from ..model import P_END, P_START
from ..timeutil import at_paris
from ..traps import demographics, encoding, older_files
from ..world import Cols, Sim, World, cat

GROUP_CODES = [  # residence groups 0 France, 1 Africa, 2 Europe, 4 rest of the world
    np.array(["FR"] * 24 + ["GP", "MQ", "GF", "RE", "YT"], dtype=object),
    np.array(["MA", "DZ", "TN", "SN", "CI", "CM", "NA", "MG", "BJ", "EG"], dtype=object),
    np.array(["BE", "CH", "DE", "ES", "IT", "PT", "RU", "GB", "LU", "RO"], dtype=object),
]
OTHER_CODES = np.array(["CA", "US", "TR", "CY", "BR", "VN", "LB", "HT", "JP"], dtype=object)
CITIES_FR = np.array(
    ["Paris", "Lyon", "Marseille", "Bourg-en-Bresse", "Nice", "Saint-Étienne", "Lille",
     "Toulouse", "Ajaccio", "Saint-Denis"],
    dtype=object,
)  # fmt: skip
POSTAL_FR = np.array(
    ["75011", "69003", "13015", "01000", "06000", "42000", "59000", "31000", "20000", "93200"],
    dtype=object,
)
POSTAL_ABROAD = np.array(["10115", "1000", "H2X 1Y4", "20000", "B-1000"], dtype=object)
CITIES_ABROAD = np.array(["Berlin", "Bruxelles", "Montréal", "Casablanca", "Dakar"], dtype=object)
STREETS = np.array(
    ["rue de la Paix", "avenue Jean-Jaurès", "bd Voltaire, bât. B", 'allée des "Lilas"',
     "place du Marché"]
)  # fmt: skip


def of_students(sim: Sim, users, starts, group, precision, qpv, y: int) -> Cols:
    """The students of one year: their main address and the decoys around it."""
    rng = sim.rng
    n = len(users)
    country = np.empty(n, dtype=object)
    for gi, codes in enumerate(GROUP_CODES):
        sel = group == gi
        country[sel] = codes[rng.integers(0, len(codes), int(sel.sum()))]
    sel = group == 4
    country[sel] = OTHER_CODES[rng.integers(0, len(OTHER_CODES), int(sel.sum()))]
    no_addr = demographics.unknown_residence(group, country, odd_year=y % 2 == 1)
    qcode = np.full(n, None, dtype=object)
    qcode[np.flatnonzero(qpv)] = [
        f"QP{rng.integers(0, 999999):06d}"
        if rng.random() < 0.7
        else f"QN{rng.integers(0, 99999):05d}{'ABCDEFGH'[rng.integers(0, 8)]}"
        for _ in np.flatnonzero(qpv)
    ]
    demographics.qpv_code_decoys(sim, group, precision, qpv, qcode)
    after, vf_after = demographics.address_after_start(sim, starts)
    vf = np.where(after, vf_after, starts - rng.integers(0, 1500, n))
    sim.traps["M-UND-1: only address starts after the enrolment (earliest used)"] += int(
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
    moved = demographics.moved_after_start(sim, users, vf, starts, keep)
    older = demographics.superseded_before_start(sim, users, vf, keep & ~after)
    return cat([main, moved, older])


def write(files: ExportFiles, w: World) -> None:
    ad, rng = w.addresses, files.rng
    ad = {k: v[np.argsort(ad["id"])] for k, v in ad.items()}
    n = len(ad["id"])
    country = ad["country"]
    fr = np.isin(country, list(C.FRANCE_TERRITORIES))
    k = rng.integers(0, len(CITIES_FR), n)
    postal = np.where(fr, POSTAL_FR[k], POSTAL_ABROAD[k % 5])
    street = np.array(
        [f"{i % 120 + 1} {s}" for i, s in zip(range(n), STREETS[k % 5], strict=True)],
        dtype=object,
    )
    cols = {
        "address_id": ad["id"],
        "user_id": w.users["id"][ad["user"]],
        "valid_from": ad["valid_from"],
        "country_code": encoding.messy(rng, country, 0.06, upper=True),
        "postal_code": postal,
        "city": np.where(fr, CITIES_FR[k], CITIES_ABROAD[k % 5]),
        "street_line": street,
        "qpv_code": encoding.messy(rng, ad["qpv"], 0.05, upper=True),
        "geocode_precision": encoding.messy(rng, ad["precision"], 0.02),
    }
    z = encoding.zmask(rng, n)
    upd = at_paris(np.minimum(ad["valid_from"] + rng.integers(0, 5, n), P_END), np.full(n, 50000))
    cols["updated_at"] = np.maximum(upd, at_paris(np.full(n, P_START - 400), np.zeros(n, np.int64)))
    old_cols, new_cols, old_rows = older_files.addresses(rng, files.traps, cols)
    files.write("addresses", OLD_FILE, old_cols, z, rows=old_rows)
    files.write("addresses", NEW_FILE, new_cols, z)
    files.traps["leading-zero postal code (01000)"] = int((postal == "01000").sum())
    files.traps["Namibia NA country code"] = int((country == "NA").sum())
    files.progress(f"addresses: {n} addresses")
