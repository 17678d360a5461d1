"""Short methodology notes shown at the end of the page, one per indicator, citing rule ids
of docs/methodology.md."""

from __future__ import annotations

# (heading, rule ids, prose)
NOTES: tuple[tuple[str, str, str], ...] = (
    (
        "Reporting year, report date and status",
        "G-1, G-7, G-8",
        "Years are calendar years in Paris time. The warehouse is as of the report date (the "
        "dbt var report_date, else the latest date in the exports). A figure is final once the "
        "report date reaches its finalisation date (January 31 of the next year; June 30 for job "
        "placement), provisional before.",
    ),
    (
        "Who counts",
        "G-2, G-4, G-5",
        "Test accounts are excluded everywhere; counts are distinct people unless a rule says "
        "otherwise; a cancelled enrolment (withdrawal period) never made anyone a student.",
    ),
    (
        "Small cells",
        "G-9",
        "A published cell built from fewer individuals than min_cell_size (default 11) is "
        "suppressed: its value is not shown.",
    ),
    (
        "Orientation rate",
        "M-ORI-1, M-ORI-2, M-ORI-3",
        "People who applied in the year (withdrawn applications included) and whose application "
        "of that year led to a non-cancelled enrolment, over all applicants of the year. "
        "Employer programmes without an application take no part. Applicants' growth compares "
        "the number of applicants with the previous year.",
    ),
    (
        "Graduation rate",
        "M-GRA-1, M-GRA-2, M-GRA-3, M-GRA-4, M-GRA-5",
        "Enrolments whose contractual end date falls in the year; graduated on or before that "
        "date, over the cohort (still-active enrolments stay in the denominator). The 150% "
        "rate allows one and a half times the planned duration.",
    ),
    (
        "Job placement rate",
        "M-PLA-1, M-PLA-2, M-PLA-3, M-PLA-4, M-PLA-5",
        "Graduates of the year who started a job (employed, self-employed, business creation "
        "or apprenticeship) within six calendar months of graduating, counting only survey "
        "answers collected by June 30 of the next year, over all graduates of the year; "
        "graduates without an answer are not placed. Also shown for apprentices, with the "
        "survey response rate.",
    ),
    (
        "Positive career outcomes",
        "M-CAR-1, M-CAR-2, M-CAR-3, M-CAR-4",
        "Declarations that credit OpenClassrooms with a positive outcome, made by an active, "
        "non-deleted user, counted at most once per person per twelve months (a chain from the "
        "last counted one), by year of declaration and by segment: apprentice, student or free "
        "user at the declaration date.",
    ),
    (
        "Underserved students",
        "M-DEM-1, M-DEM-2, M-DEM-3",
        "Students who started an enrolment in the year, described by their first one and its "
        "latest self-reported profile. Blank or undisclosed answers do not belong to a category "
        "but stay in the denominator; the share of unknown answers is shown beside each "
        "category. Any underserved: at least one of the five categories.",
    ),
    (
        "Residents of underserved areas",
        "M-UND-1, M-UND-2, M-UND-3",
        "Only students residing in France (metropolitan France and the five overseas "
        "departments) with an exact (house-number) address enter the denominator; the numerator "
        "is those whose address lies in a priority neighbourhood (QPV).",
    ),
    (
        "Women in Tech paths",
        "M-TEC-1",
        "Among students whose enrolment is in a Tech path (Cybersecurity, Data, Design, "
        "Development, Project Management, Supply Chain, System and Network), the share of women.",
    ),
    (
        "Students by country and region",
        "M-RES-1",
        "Country of residence at the start of the enrolment; France includes its overseas "
        "departments; Africa and Europe are the UN M49 regions; an invalid or missing country "
        "is Unknown.",
    ),
    (
        "Free-user reach",
        "M-REA-1, M-REA-2",
        "Users who logged in during the year without an enrolment covering it, and the distinct "
        "valid country codes of their logins (pseudo-codes such as XX or EU are not countries).",
    ),
)
