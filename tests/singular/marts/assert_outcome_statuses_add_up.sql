-- M-OUT-2: for every placement cohort and segment (all, apprentice), the graduates of
-- statuses 1 to 4 (is_placed) are exactly the placed graduates of job_placement_rate
-- (M-PLA-3), and the ten statuses add up to the cohort; every unsuppressed row of
-- graduate_outcomes equals its recount and every cohort has its ten rows. Rows
-- returned are violations.
with

graduates as (
    select * from {{ ref('int_graduates_outcome_status') }}
),

outcome_statuses as (
    select * from {{ ref('outcome_statuses') }}
),

computed as (
    select * from {{ ref('int_indicators_computed') }}
),

published as (
    select * from {{ ref('graduate_outcomes') }}
),

report_date as (
    select * from {{ ref('int_report_date_resolved') }}
),

segmented as (
    select
        graduates.placement_cohort_year as year,
        'all' as segment,
        graduates.outcome_status,
        graduates.is_placed,
        outcome_statuses.is_placed as is_placed_status
    from graduates
    inner join outcome_statuses
        on graduates.outcome_status = outcome_statuses.outcome_status
    union all
    select
        graduates.placement_cohort_year as year,
        'apprentice' as segment,
        graduates.outcome_status,
        graduates.is_placed,
        outcome_statuses.is_placed as is_placed_status
    from graduates
    inner join outcome_statuses
        on graduates.outcome_status = outcome_statuses.outcome_status
    where graduates.is_apprenticeship
),

cohorts as (
    select
        year,
        segment,
        count(*) as graduates,
        sum(case when is_placed_status then 1 else 0 end) as in_placed_statuses,
        sum(case when is_placed then 1 else 0 end) as placed,
        sum(case when is_placed <> is_placed_status then 1 else 0 end) as disagreeing
    from segmented
    group by
        year,
        segment
),

placement as (
    -- the placed graduates and the cohort of M-PLA-3 / M-PLA-5, as counted for the
    -- indicators (the apprentice segment: apprentice_job_placement_rate)
    select
        computed.year,
        case
            when computed.indicator = 'job_placement_rate' then 'all'
            else 'apprentice'
        end as segment,
        computed.numerator as placed,
        computed.denominator as graduates
    from computed
    where
        computed.indicator in ('job_placement_rate', 'apprentice_job_placement_rate')
        and computed.segment = 'all'
        and computed.dimension = 'all'
        and computed.denominator > 0
),

recounted as (
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

cohort_violations as (
    select
        cohorts.year,
        cohorts.segment,
        cast(null as {{ dbt.type_string() }}) as outcome_status,
        'statuses 1-4 are not the placed graduates, or statuses not the cohort' as violation
    from cohorts
    left join placement
        on
            cohorts.year = placement.year
            and cohorts.segment = placement.segment
    where
        cohorts.disagreeing > 0
        or cohorts.in_placed_statuses <> placement.placed
        or cohorts.graduates <> placement.graduates
        or placement.year is null
),

row_violations as (
    select
        published.year,
        published.segment,
        published.outcome_status,
        'published row differs from its recount' as violation
    from published
    left join recounted
        on
            published.year = recounted.year
            and published.segment = recounted.segment
            and published.outcome_status = recounted.outcome_status
    where
        not published.is_suppressed
        and published.graduates <> coalesce(recounted.graduates, 0)
),

missing_rows as (
    select
        cohorts.year,
        cohorts.segment,
        cast(null as {{ dbt.type_string() }}) as outcome_status,
        'cohort without its ten statuses' as violation
    from cohorts
    cross join report_date
    left join published
        on
            cohorts.year = published.year
            and cohorts.segment = published.segment
    where cohorts.year <= {{ year_of('report_date.report_date') }}
    group by
        cohorts.year,
        cohorts.segment
    having count(published.outcome_status) <> (select count(*) from outcome_statuses)
)

select * from cohort_violations
union all
select * from row_violations
union all
select * from missing_rows
