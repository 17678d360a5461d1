-- M-VA-2: value added + mix effect = observed - reference observed (to 1e-12, the
-- rounding of doubles), observed and reference_observed are the years' unsuppressed
-- rates (int_indicators_computed), and expected lies in [0, 1]; every mix-adjusted
-- indicator of the registry has a row for every year impact_indicators publishes
-- whose previous year has a cohort. Rows returned are violations.
with

benchmarks as (
    select * from {{ ref('impact_benchmarks') }}
),

computed as (
    select * from {{ ref('int_indicators_computed') }}
),

published as (
    select * from {{ ref('impact_indicators') }}
),

registry as (
    select * from {{ ref('indicator_registry') }}
),

totals as (
    select
        computed.indicator,
        computed.year,
        computed.value
    from computed
    inner join registry
        on computed.indicator = registry.indicator
    where
        registry.mix_adjusted
        and computed.segment = 'all'
        and computed.dimension = 'all'
        and computed.denominator > 0
),

expected_rows as (
    select
        totals.indicator,
        totals.year
    from totals
    inner join totals as previous
        on
            totals.indicator = previous.indicator
            and totals.year - 1 = previous.year
    inner join published
        on
            totals.indicator = published.indicator
            and totals.year = published.year
            and published.segment = 'all'
)

select
    coalesce(benchmarks.indicator, expected_rows.indicator) as indicator,
    coalesce(benchmarks.year, expected_rows.year) as year,
    benchmarks.observed,
    benchmarks.reference_observed,
    benchmarks.expected,
    benchmarks.value_added,
    benchmarks.mix_effect
from benchmarks
full outer join expected_rows
    on
        benchmarks.indicator = expected_rows.indicator
        and benchmarks.year = expected_rows.year
left join totals as observed
    on
        benchmarks.indicator = observed.indicator
        and benchmarks.year = observed.year
left join totals as reference
    on
        benchmarks.indicator = reference.indicator
        and benchmarks.reference_year = reference.year
where
    benchmarks.indicator is null
    or expected_rows.indicator is null
    or abs(
        benchmarks.value_added + benchmarks.mix_effect
        - (benchmarks.observed - benchmarks.reference_observed)
    ) > 1e-12
    or benchmarks.observed <> observed.value
    or benchmarks.reference_observed <> reference.value
    or benchmarks.reference_year <> benchmarks.year - 1
    or benchmarks.expected < 0
    or benchmarks.expected > 1
