-- G-6: every share or rate of impact_indicators lies in [0, 1] and its numerator
-- never exceeds its denominator; a zero denominator gives a NULL value, never 0.
-- Rows returned are violations.
with

indicators as (
    select * from {{ ref('impact_indicators') }}
)

select
    indicator,
    year,
    segment,
    numerator,
    denominator,
    value,
    is_suppressed
from indicators
where
    denominator is not null
    and indicator <> 'applicants_growth'
    and (
        numerator > denominator
        or value < 0
        or value > 1
        or (denominator = 0 and value is not null)
        or (denominator > 0 and value is null)
    )
