"""The indicators of marts.impact_indicators (MARTS.md), in report order, and their segments.

One list for every Python consumer (generator truth, headline, report) so that
they agree with each other and with the mart's accepted values.
"""

from __future__ import annotations

INDICATORS: tuple[str, ...] = (
    "applicants",
    "applicants_growth",
    "orientation_rate",
    "graduation_rate",
    "graduation_rate_150",
    "job_placement_rate",
    "apprentice_job_placement_rate",
    "placement_response_rate",
    "career_outcomes",
    "share_unemployed",
    "share_low_qualification",
    "share_refugee",
    "share_underserved_area",
    "share_disability",
    "share_women_in_tech",
    "share_any_underserved",
    "share_residing_in_france",
    "share_region_africa",
    "share_region_europe",
    "share_region_rest_of_world",
    "free_users",
    "free_user_countries",
)

# `all`, and the M-CAR-4 segments of career_outcomes.
SEGMENTS: tuple[str, ...] = ("all", "student", "apprentice", "free_user")
