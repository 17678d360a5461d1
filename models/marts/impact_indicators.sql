-- Every figure of the report: the computed indicators with their status (G-7,
-- from the report date of G-8) and small-cell suppression (G-9). What is computed,
-- and when it is final, comes from the indicator registry (int_indicators_computed).
with

indicators as (
    select * from {{ ref('int_indicators_computed') }}
),

report_date as (
    select * from {{ ref('int_report_date_resolved') }}
),

judged as (
    select
        indicators.indicator,
        indicators.year,
        indicators.segment,
        indicators.numerator,
        indicators.denominator,
        indicators.value,
        indicators.finalised_on,
        report_date.report_date,
        -- G-9: fewer than min_cell_size individuals: value and counts hidden
        {{ is_small_cell(['indicators.cell_size']) }} as is_suppressed
    from indicators
    cross join report_date
),

final as (
    select
        indicator,
        year,
        segment,
        case when not is_suppressed then numerator end as numerator,
        case when not is_suppressed then denominator end as denominator,
        case when not is_suppressed then value end as value,
        -- G-7
        case
            when report_date >= finalised_on then 'final'
            else 'provisional'
        end as status,
        is_suppressed,
        finalised_on
    from judged
    -- G-8: no figure for a year after the report date's year (cohorts of future
    -- expected ends are plans, not data)
    where year <= {{ year_of('report_date') }}
)

select * from final
