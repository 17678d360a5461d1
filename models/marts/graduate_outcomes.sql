-- M-OUT-1, M-OUT-2: the graduates of each placement cohort by outcome status (the
-- CIRR-style table), for all graduates and for apprentices: one row per status of
-- the outcome_statuses seed, zeros included, with its share of the cohort, the status
-- of job_placement_rate (G-7: final from June 30 of Y+1, M-PLA-4) and suppression
-- (G-9, and G-10 across the ten statuses of one cohort and segment).
with

graduates as (
    select * from {{ ref('int_graduates_outcome_status') }}
),

outcome_statuses as (
    select * from {{ ref('outcome_statuses') }}
),

report_date as (
    select * from {{ ref('int_report_date_resolved') }}
),

segmented as (
    select
        placement_cohort_year as year,
        'all' as segment,
        outcome_status
    from graduates
    union all
    -- M-OUT-2: the apprentice segment is funding_type apprenticeship
    select
        placement_cohort_year as year,
        'apprentice' as segment,
        outcome_status
    from graduates
    where is_apprenticeship
),

cohorts as (
    select
        year,
        segment,
        count(*) as cohort_graduates
    from segmented
    group by
        year,
        segment
),

status_counts as (
    select
        year,
        segment,
        outcome_status,
        count(*) as graduates
    from segmented
    group by
        year,
        segment,
        outcome_status
),

cells as (
    -- every status of every cohort, zeros included
    select
        cohorts.year,
        cohorts.segment,
        outcome_statuses.outcome_status,
        outcome_statuses.outcome_order,
        outcome_statuses.is_placed,
        coalesce(status_counts.graduates, 0) as graduates,
        cohorts.cohort_graduates,
        -- G-9: a status count (zero included) or a cohort under min_cell_size
        {{ is_small_cell(['coalesce(status_counts.graduates, 0)', 'cohorts.cohort_graduates']) }}
            as is_small
    from cohorts
    cross join outcome_statuses
    left join status_counts
        on
            cohorts.year = status_counts.year
            and cohorts.segment = status_counts.segment
            and outcome_statuses.outcome_status = status_counts.outcome_status
),

-- G-10: the ten statuses of one cohort and segment split it
suppressed as (
    {{ complementary_suppression(
        'cells',
        ['year', 'segment'],
        'graduates',
        'outcome_status',
        'is_small',
    ) }}
),

final as (
    select
        cast(suppressed.year as integer) as year,
        cast(suppressed.segment as {{ dbt.type_string() }}) as segment,
        cast(suppressed.outcome_status as {{ dbt.type_string() }}) as outcome_status,
        cast(
            case when not suppressed.is_suppressed then suppressed.graduates end as bigint
        ) as graduates,
        case
            when not suppressed.is_suppressed
                then {{ safe_ratio('suppressed.graduates', 'suppressed.cohort_graduates') }}
        end as share,
        -- G-7 as job_placement_rate: final from the M-PLA-4 cut-off
        case
            when report_date.report_date >= {{ placement_cutoff_on('suppressed.year') }}
                then 'final'
            else 'provisional'
        end as status,
        suppressed.is_suppressed,
        cast(suppressed.outcome_order as integer) as outcome_order,
        suppressed.is_placed
    from suppressed
    cross join report_date
    -- G-8: no cohort after the report date's year
    where suppressed.year <= {{ year_of('report_date.report_date') }}
)

select * from final
