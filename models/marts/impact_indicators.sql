-- Every figure of the report: the computed indicators with their status (G-7,
-- from the report date of G-8) and small-cell suppression (G-9).
with

indicators as (
    select * from {{ ref('int_indicators_computed') }}
),

reach_counts as (
    select * from {{ ref('int_free_users_counted') }}
),

report_date as (
    select * from {{ ref('int_report_date_resolved') }}
),

dated as (
    select
        indicators.indicator,
        indicators.year,
        indicators.segment,
        indicators.numerator,
        indicators.denominator,
        indicators.value,
        report_date.report_date,
        case
            -- M-PLA-4: placement figures of Y are final on June 30 of Y+1
            when indicators.indicator in (
                    'job_placement_rate',
                    'apprentice_job_placement_rate',
                    'placement_response_rate'
                ) then {{ placement_cutoff_on('indicators.year') }}
            -- G-7: everything else on January 31 of Y+1
            else {{ calendar_finalisation_on('indicators.year') }}
        end as finalised_on,
        -- G-9: the individuals a cell is built from. free_user_countries counts
        -- countries, built from the free users of the year.
        case
            when indicators.indicator = 'free_user_countries'
                then reach_counts.n_free_users
            when indicators.denominator is null then indicators.numerator
            when indicators.numerator < indicators.denominator
                then indicators.numerator
            else indicators.denominator
        end as smallest_cell
    from indicators
    cross join report_date
    left join reach_counts
        on indicators.year = reach_counts.year
),

judged as (
    select
        *,
        -- G-9: fewer than min_cell_size individuals: value and counts hidden
        {{ is_small_cell(['smallest_cell']) }} as is_suppressed
    from dated
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
    -- G-8: no figure for a year after the report date's (cohorts of future
    -- expected ends are plans, not data)
    where year <= {{ year_of('report_date') }}
)

select * from final
