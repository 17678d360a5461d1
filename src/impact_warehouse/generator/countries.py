"""ISO 3166-1 alpha-2 codes (all 249) with their UN M49 region, for the generator.

The warehouse's `countries` seed holds the same list; the generator only needs the
codes and the M-RES-1 region group of each (France territories, Africa = M49 002,
Europe = M49 150, everything else = rest of the world; Russia is Europe, Turkey and
Cyprus are Asia).
"""

from __future__ import annotations

from .exports import seed_values

# M49 region code -> ISO alpha-2 codes (Antarctica has no M49 region: "").
_BY_REGION: dict[str, str] = {
    "002": (  # Africa
        "DZ EG LY MA SD TN EH IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG "
        "TZ ZM ZW AO CM CF TD CG CD GQ GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR "
        "ML MR NE NG SH SN SL TG"
    ),
    "150": (  # Europe
        "BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB "
        "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES AT BE FR DE LI LU MC NL CH"
    ),
    "019": (  # Americas
        "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT "
        "TC VI BZ CR SV GT HN MX NI PA AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE "
        "BM CA GL PM US"
    ),
    "142": (  # Asia
        "KZ KG TJ TM UZ CN HK MO KP JP MN KR TW BN KH ID LA MY MM PH SG TH TL VN AF BD "
        "BT IN IR MV NP PK LK AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE"
    ),
    "009": (  # Oceania
        "AU CX CC HM NZ NF FJ NC PG SB VU GU KI MH FM NR MP PW UM AS CK PF NU PN WS TK TO TV WF"
    ),
    "": "AQ",
}

REGION_OF: dict[str, str] = {
    code: region for region, codes in _BY_REGION.items() for code in codes.split()
}
CODES: list[str] = sorted(REGION_OF)
assert len(CODES) == 249, len(CODES)

FRANCE_TERRITORIES = ("FR", "GP", "MQ", "GF", "RE", "YT")
PSEUDO_CODES = seed_values("pseudo_country_codes", "country_code")  # XX A1 A2 AP EU

# Never seen in free users' 2023 logins, so that exactly 222 countries are reached
# (published free_user_countries 2023). 249 - 27 = 222.
EXCLUDED_FROM_FREE_2023 = (
    "AQ BV HM UM TF IO GS PN NF CX CC SJ BQ SX CW TK NU WF PM BL MF AX EH KP VA MP FK"
).split()
assert len(EXCLUDED_FROM_FREE_2023) == 27 and set(EXCLUDED_FROM_FREE_2023) <= set(CODES)
REACHABLE: list[str] = [c for c in CODES if c not in set(EXCLUDED_FROM_FREE_2023)]
assert len(REACHABLE) == 222


def region_group(code: str | None) -> str:
    """M-RES-1 region group of a (clean, upper-case) code; 'Unknown' when not a country."""
    if code is None or code not in REGION_OF:
        return "Unknown"
    if code in FRANCE_TERRITORIES:
        return "France"
    return {"002": "Africa", "150": "Europe"}.get(REGION_OF[code], "Rest of the world")
