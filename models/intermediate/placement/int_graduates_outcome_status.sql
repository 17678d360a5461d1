-- M-OUT-1: every graduate enrolment of a placement cohort (M-PLA-1) with exactly one
-- outcome status: the first status of the outcome_statuses seed (lowest
-- outcome_order) that one of its responses collected by the M-PLA-4 cut-off supports;
-- no_response when none does (no response, or only no_answer).
with

graduates as (
    select * from {{ ref('int_graduates_placed') }}
),

job_outcomes as (
    select * from {{ ref('stg_platform__job_outcomes') }}
),

job_situations as (
    select * from {{ ref('job_situations') }}
),

outcome_statuses as (
    select * from {{ ref('outcome_statuses') }}
),

responses as (
    -- M-PLA-4: responses collected by June 30 of Y+1 only
    select
        graduates.enrollment_id,
        job_outcomes.situation,
        job_outcomes.is_related_to_path,
        coalesce(job_situations.counts_as_job, false) as counts_as_job,
        -- M-PLA-2: started by the end of the six-month window
        coalesce(job_outcomes.job_started_on <= graduates.window_end_on, false)
            as is_started_in_window
    from graduates
    inner join job_outcomes
        on graduates.enrollment_id = job_outcomes.enrollment_id
    left join job_situations
        on job_outcomes.situation = job_situations.situation
    where job_outcomes.collected_on <= graduates.response_cutoff_on
),

supported as (
    -- the status each response supports; a "job situation" is a job of M-PLA-3 other
    -- than an apprenticeship; no_answer supports none
    select
        enrollment_id,
        case
            when
                counts_as_job and situation <> 'apprenticeship' and is_started_in_window
                and is_related_to_path
                then 'employed_in_field'
            when situation = 'apprenticeship' and is_started_in_window then 'apprenticeship'
            when
                counts_as_job and situation <> 'apprenticeship' and is_started_in_window
                and not is_related_to_path
                then 'employed_out_of_field'
            when counts_as_job and situation <> 'apprenticeship' and is_started_in_window
                then 'employed_field_unknown'
            -- started after the window end, or no start date
            when counts_as_job then 'employed_outside_window'
            -- further_training, internship, job_seeking, inactive: the status of the
            -- same name; no_answer is no status (the seed has none)
            else situation
        end as outcome_status
    from responses
),

ranked as (
    select
        supported.enrollment_id,
        outcome_statuses.outcome_status,
        row_number() over (
            partition by supported.enrollment_id
            order by outcome_statuses.outcome_order
        ) as status_rank
    from supported
    inner join outcome_statuses
        on supported.outcome_status = outcome_statuses.outcome_status
),

final as (
    select
        graduates.enrollment_id,
        graduates.placement_cohort_year,
        graduates.is_apprenticeship,
        graduates.is_placed,
        coalesce(ranked.outcome_status, 'no_response') as outcome_status
    from graduates
    left join ranked
        on
            graduates.enrollment_id = ranked.enrollment_id
            and ranked.status_rank = 1
)

select * from final
