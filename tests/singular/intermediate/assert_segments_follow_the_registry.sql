-- The registry's segments: every (indicator, year) of int_indicators_computed has
-- exactly one total row (dimension `all`) per segment the registry lists for the
-- indicator (a space-separated list), and no other. Rows returned are (indicator, year) pairs
-- with missing or extra segments.
with

registry as (
    select * from {{ ref('indicator_registry') }}
),

indicators as (
    select * from {{ ref('int_indicators_computed') }}
),

published as (
    select
        indicators.indicator,
        indicators.year,
        count(*) as n_segments,
        sum(
            case
                when {{ dbt.position(
                        "' ' || indicators.segment || ' '",
                        "' ' || registry.segments || ' '"
                    ) }} > 0
                    then 0
                else 1
            end
        ) as n_unlisted
    from indicators
    inner join registry
        on indicators.indicator = registry.indicator
    where indicators.dimension = 'all'
    group by
        indicators.indicator,
        indicators.year
),

listed as (
    select
        indicator,
        -- the number of space-separated names in the list
        length(trim(segments)) - length(replace(trim(segments), ' ', '')) + 1 as n_segments
    from registry
)

select
    published.indicator,
    published.year,
    published.n_segments,
    listed.n_segments as n_listed,
    published.n_unlisted
from published
inner join listed
    on published.indicator = listed.indicator
where
    published.n_segments <> listed.n_segments
    or published.n_unlisted > 0
