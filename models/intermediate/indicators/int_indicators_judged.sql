-- Every published figure, in total and by group: the computed indicators with their
-- status (G-7, from the report date of G-8), small-cell suppression (G-9, and G-10
-- across the groups of one dimension), 95% Wilson interval (M-CI-1) and change on the
-- previous year with its test (M-CI-2). One row per (indicator, year, segment,
-- dimension, group_name); the total is dimension `all` (marts.impact_indicators), the
-- groups of the registry's dimensions are marts.impact_by_group. M-VA-1 cells are not
-- published: they only feed marts.impact_benchmarks.
with

indicators as (
    select * from {{ ref('int_indicators_computed') }}
),

indicator_registry as (
    select * from {{ ref('indicator_registry') }}
),

report_date as (
    select * from {{ ref('int_report_date_resolved') }}
),

published as (
    -- the totals and the breakdowns the registry publishes (M-GRP-2)
    select
        indicators.*,
        report_date.report_date,
        -- G-9: fewer than min_cell_size individuals
        {{ is_small_cell(['indicators.cell_size']) }} as is_small
    from indicators
    inner join indicator_registry
        on indicators.indicator = indicator_registry.indicator
    cross join report_date
    where
        (
            indicators.dimension = 'all'
            or {{ dbt.position(
                "' ' || indicators.dimension || ' '",
                "' ' || coalesce(indicator_registry.dimensions, '') || ' '"
            ) }} > 0
        )
        -- G-8: no figure for a year after the report date's year (cohorts of future
        -- expected ends are plans, not data)
        and indicators.year <= {{ year_of('report_date.report_date') }}
),

-- G-10: the groups of one dimension split one population (a total is a partition
-- of one row, G-10 never adds to it)
suppressed as (
    {{ complementary_suppression(
        'published',
        ['indicator', 'year', 'segment', 'dimension'],
        'denominator',
        'group_name',
        'is_small',
    ) }}
),

shown as (
    select
        indicator,
        year,
        segment,
        dimension,
        group_name,
        unit,
        case when not is_suppressed then numerator end as numerator,
        case when not is_suppressed then denominator end as denominator,
        case when not is_suppressed then value end as value,
        -- M-CI-1: shares only, published rows with a denominator above 0
        case
            when unit = 'share' and not is_suppressed
                then {{ wilson_bound('numerator', 'denominator', 'lower') }}
        end as ci_lower,
        case
            when unit = 'share' and not is_suppressed
                then {{ wilson_bound('numerator', 'denominator', 'upper') }}
        end as ci_upper,
        -- G-7
        case
            when report_date >= finalised_on then 'final'
            else 'provisional'
        end as status,
        is_suppressed,
        finalised_on
    from suppressed
),

final as (
    select
        shown.indicator,
        shown.year,
        shown.segment,
        shown.dimension,
        shown.group_name,
        shown.numerator,
        shown.denominator,
        shown.value,
        shown.ci_lower,
        shown.ci_upper,
        -- M-CI-2: the same share and group the year before, both published with a
        -- denominator above 0
        case
            when previous.denominator > 0 and shown.denominator > 0
                then shown.value - previous.value
        end as change,
        {{ change_is_significant(
            'shown.numerator',
            'shown.denominator',
            'previous.numerator',
            'previous.denominator',
        ) }} as change_is_significant,
        shown.status,
        shown.is_suppressed,
        shown.finalised_on
    from shown
    left join shown as previous
        on
            shown.indicator = previous.indicator
            and shown.segment = previous.segment
            and shown.dimension = previous.dimension
            and shown.group_name = previous.group_name
            and shown.year - 1 = previous.year
            and shown.unit = 'share'
            and not shown.is_suppressed
            and not previous.is_suppressed
)

select * from final
