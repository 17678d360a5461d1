-- G-9: a suppressed row of impact_indicators shows no value, numerator or
-- denominator; an unsuppressed one has no count under min_cell_size. Rows
-- returned are violations.
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
    (is_suppressed and (value is not null or numerator is not null or denominator is not null))
    or (
        not is_suppressed
        and indicator <> 'free_user_countries'
        and (
            numerator < {{ var('min_cell_size') }}
            or denominator < {{ var('min_cell_size') }}
        )
    )
