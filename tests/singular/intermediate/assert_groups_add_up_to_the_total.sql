-- M-GRP-1: the groups of a dimension partition the indicator's population, so for
-- every indicator, year, segment and dimension of int_indicators_computed (M-VA-1
-- cells included) the groups' numerators and denominators add up to the total's, and
-- every breakdown the registry lists for the indicator is there. Rows returned are
-- violations.
with

indicators as (
    select * from {{ ref('int_indicators_computed') }}
),

registry as (
    select * from {{ ref('indicator_registry') }}
),

group_dimensions as (
    select * from {{ ref('group_dimensions') }}
),

totals as (
    select
        indicator,
        year,
        segment,
        numerator,
        denominator
    from indicators
    where dimension = 'all'
),

by_dimension as (
    select
        indicator,
        year,
        segment,
        dimension,
        sum(numerator) as numerator,
        sum(denominator) as denominator
    from indicators
    where dimension <> 'all'
    group by
        indicator,
        year,
        segment,
        dimension
),

listed as (
    -- every (indicator, year, segment) total and dimension the registry lists for it
    select
        totals.indicator,
        totals.year,
        totals.segment,
        group_dimensions.dimension
    from totals
    inner join registry
        on totals.indicator = registry.indicator
    inner join group_dimensions
        on {{ dbt.position(
            "' ' || group_dimensions.dimension || ' '",
            "' ' || coalesce(registry.dimensions, '') || ' '"
        ) }} > 0
    -- a breakdown exists only where its population has members
    where totals.denominator > 0
)

select
    coalesce(by_dimension.indicator, listed.indicator) as indicator,
    coalesce(by_dimension.year, listed.year) as year,
    coalesce(by_dimension.dimension, listed.dimension) as dimension,
    totals.numerator as total_numerator,
    by_dimension.numerator as groups_numerator,
    totals.denominator as total_denominator,
    by_dimension.denominator as groups_denominator
from by_dimension
full outer join listed
    on
        by_dimension.indicator = listed.indicator
        and by_dimension.year = listed.year
        and by_dimension.segment = listed.segment
        and by_dimension.dimension = listed.dimension
left join totals
    on
        coalesce(by_dimension.indicator, listed.indicator) = totals.indicator
        and coalesce(by_dimension.year, listed.year) = totals.year
        and coalesce(by_dimension.segment, listed.segment) = totals.segment
where
    by_dimension.indicator is null
    or totals.indicator is null
    or by_dimension.numerator <> totals.numerator
    or by_dimension.denominator <> totals.denominator
