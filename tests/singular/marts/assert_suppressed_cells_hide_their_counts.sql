-- G-9: a suppressed row of impact_indicators shows no value, numerator or
-- denominator; an unsuppressed one is built from at least min_cell_size
-- individuals: its numerator and denominator, or the registry's suppression count
-- when the numerator does not count individuals. Rows returned are violations.
with

indicators as (
    select * from {{ ref('impact_indicators') }}
),

computed as (
    select * from {{ ref('int_indicators_computed') }}
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
    indicators.is_suppressed,
    computed.cell_size
from indicators
inner join computed
    on
        indicators.indicator = computed.indicator
        and indicators.year = computed.year
        and indicators.segment = computed.segment
        and computed.dimension = 'all'
inner join registry
    on indicators.indicator = registry.indicator
where
    (
        indicators.is_suppressed
        and (
            indicators.value is not null
            or indicators.numerator is not null
            or indicators.denominator is not null
        )
    )
    or (
        not indicators.is_suppressed
        and (
            computed.cell_size < {{ var('min_cell_size') }}
            or (
                registry.suppression_count is null
                and (
                    indicators.numerator < {{ var('min_cell_size') }}
                    or indicators.denominator < {{ var('min_cell_size') }}
                )
            )
        )
    )
