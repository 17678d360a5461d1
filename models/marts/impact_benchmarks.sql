-- M-VA-1, M-VA-2: for each mix-adjusted rate of the registry (graduation_rate,
-- job_placement_rate) and year Y, the rate this year's students would have had at the
-- previous year's rate of their cell (funding_type x unemployed x low_qualification),
-- and the split of the year-over-year change into value added (how students fared)
-- and mix effect (who the students were). Rates over a whole cohort: not suppressed.
with

computed as (
    select * from {{ ref('int_indicators_computed') }}
),

judged as (
    select * from {{ ref('int_indicators_judged') }}
),

indicator_registry as (
    select * from {{ ref('indicator_registry') }}
),

totals as (
    -- the observed rate of every mix-adjusted indicator and year, unsuppressed
    select
        computed.indicator,
        computed.year,
        computed.numerator,
        computed.denominator,
        computed.value
    from computed
    inner join indicator_registry
        on computed.indicator = indicator_registry.indicator
    where
        indicator_registry.mix_adjusted
        and computed.segment = 'all'
        and computed.dimension = 'all'
        and computed.denominator > 0
),

cells as (
    select
        indicator,
        year,
        group_name as cell,
        numerator,
        denominator
    from computed
    where
        segment = 'all'
        and dimension = 'mix_cell'
        and denominator > 0
),

cell_rates as (
    -- M-VA-1: r_c is the reference year's rate in the cell; a cell with fewer than
    -- min_cell_size enrolments in the reference year, or absent from it, takes the
    -- reference year's overall rate
    select
        cells.indicator,
        cells.year,
        cells.cell,
        cells.denominator as n_cell,
        reference_cells.denominator >= {{ var('min_cell_size') }} as has_reference_rate,
        case
            when reference_cells.denominator >= {{ var('min_cell_size') }}
                then {{ safe_ratio('reference_cells.numerator', 'reference_cells.denominator') }}
            else reference_totals.value
        end as reference_rate
    from cells
    inner join totals as reference_totals
        on
            cells.indicator = reference_totals.indicator
            and cells.year - 1 = reference_totals.year
    left join cells as reference_cells
        on
            cells.indicator = reference_cells.indicator
            and cells.year - 1 = reference_cells.year
            and cells.cell = reference_cells.cell
),

expected as (
    select
        indicator,
        year,
        sum(n_cell * reference_rate) / sum(n_cell) as expected,
        count(*) as n_cells,
        sum(case when coalesce(has_reference_rate, false) then 0 else 1 end)
            as n_cells_fallback
    from cell_rates
    group by
        indicator,
        year
),

final as (
    select
        totals.indicator,
        totals.year,
        reference_totals.year as reference_year,
        totals.value as observed,
        expected.expected,
        -- M-VA-2: value added + mix effect = observed - reference observed
        totals.value - expected.expected as value_added,
        expected.expected - reference_totals.value as mix_effect,
        cast(expected.n_cells as bigint) as n_cells,
        cast(expected.n_cells_fallback as bigint) as n_cells_fallback,
        reference_totals.value as reference_observed,
        judged.status
    from totals
    inner join totals as reference_totals
        on
            totals.indicator = reference_totals.indicator
            and totals.year - 1 = reference_totals.year
    inner join expected
        on
            totals.indicator = expected.indicator
            and totals.year = expected.year
    -- G-7 status of the indicator; G-8: only years impact_indicators publishes
    inner join judged
        on
            totals.indicator = judged.indicator
            and totals.year = judged.year
            and judged.segment = 'all'
            and judged.dimension = 'all'
)

select * from final
