-- G-6: every share of impact_indicators (the registry's unit `share`) lies in
-- [0, 1] and its numerator never exceeds its denominator; a zero denominator gives
-- a NULL value, never 0. Rows returned are violations.
with

indicators as (
    select * from {{ ref('impact_indicators') }}
),

registry as (
    select * from {{ ref('indicator_registry') }}
)

select
    indicators.indicator,
    indicators.year,
    indicators.segment,
    indicators.numerator,
    indicators.denominator,
    indicators.value,
    indicators.is_suppressed
from indicators
inner join registry
    on indicators.indicator = registry.indicator
where
    registry.unit = 'share'
    and not indicators.is_suppressed
    and (
        indicators.denominator is null
        or indicators.numerator > indicators.denominator
        or indicators.value < 0
        or indicators.value > 1
        or (indicators.denominator = 0 and indicators.value is not null)
        or (indicators.denominator > 0 and indicators.value is null)
    )
