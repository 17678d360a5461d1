"""The traps: records and renderings written on purpose so that a careless reading of the
exports gets a figure wrong, each with a known effect on the truth.

The population modules (`..populations`) build the platform's ordinary records; they call
these modules at the point where a trap set is drawn (the run's random draws happen in one
fixed order, so the place of each call is part of the output). Each trap is counted in the
manifest (`World.traps`); the catalogue with rules and frequencies is in the generator's
README.md.

- `encoding`: stray case and spaces, boolean spellings, `Z` offsets (file-level values)
- `older_files`: the older, overlapping file of every CSV export (G-3)
- `new_year`: timestamps at the Paris/UTC year boundary (G-1)
- `test_accounts`: QA accounts with complete histories (G-2)
- `enrolments`: a second enrolment the same year (M-DEM-1), graduation-day edges (M-GRA)
- `demographics`: decoy profile rows and addresses (M-DEM-2, M-UND, M-RES)
- `placement`: window, cut-off and month-end edges of job outcomes (M-PLA)
- `career`: hand-made declaration chains and activity edges (M-CAR)
- `reach`: anchor users per country and logins outside the reachable countries (M-REA)
- `layout`: a login month re-delivered in two part files
"""
