-- M-PLA-1..6: one row per graduate enrolment (graduated_on set), with its
-- six-month window end, the June-30 response cut-off and whether it is placed, and
-- the same at the twelve-month horizon (window end, December-31 cut-off).
with

enrollments as (
    select * from {{ ref('int_enrollments_filtered') }}
),

job_outcomes as (
    select * from {{ ref('stg_platform__job_outcomes') }}
),

job_situations as (
    select * from {{ ref('job_situations') }}
),

graduates as (
    select
        enrollment_id,
        user_id,
        path_id,
        funding_type,
        started_on,
        graduated_on,
        -- M-PLA-1: the cohort of Y is the enrolments graduated in Y
        {{ year_of('graduated_on') }} as placement_cohort_year,
        -- M-PLA-2: the window ends six calendar months later, month-end clamped
        {{ months_later('graduated_on', 6) }} as window_end_on,
        -- M-PLA-4: responses collected after June 30 of Y+1 do not count
        {{ placement_cutoff_on(year_of('graduated_on')) }} as response_cutoff_on,
        -- M-PLA-6: twelve calendar months, same clamp; responses collected by
        -- December 31 of Y+1
        {{ months_later('graduated_on', 12) }} as window_end_12m_on,
        {{ date_from_year('(' ~ year_of('graduated_on') ~ ' + 1)', '12-31') }}
            as response_cutoff_12m_on
    from enrollments
    where graduated_on is not null
),

responses as (
    select
        graduates.enrollment_id,
        job_outcomes.response_id,
        job_outcomes.situation,
        job_outcomes.job_started_on,
        -- M-PLA-3: the job_situations reference says which situations are a job
        coalesce(job_situations.counts_as_job, false) as counts_as_job,
        -- M-PLA-2: a job started before graduation and still held counts too
        coalesce(
            job_outcomes.job_started_on <= graduates.window_end_on, false
        ) as is_started_in_window,
        coalesce(
            job_outcomes.job_started_on <= graduates.window_end_12m_on, false
        ) as is_started_in_window_12m,
        -- M-PLA-4: G-1 Paris date of collected_at, on or before June 30 of Y+1
        job_outcomes.collected_on <= graduates.response_cutoff_on as is_collected_by_cutoff
    from graduates
    inner join job_outcomes
        on graduates.enrollment_id = job_outcomes.enrollment_id
    left join job_situations
        on job_outcomes.situation = job_situations.situation
    -- M-PLA-6: the later cut-off (December 31 of Y+1) bounds both horizons
    where job_outcomes.collected_on <= graduates.response_cutoff_12m_on
),

per_graduate as (
    select
        enrollment_id,
        sum(case when is_collected_by_cutoff then 1 else 0 end) as n_responses,
        -- M-PLA-5: a response other than no_answer makes the graduate a respondent
        max(
            case when is_collected_by_cutoff and situation <> 'no_answer' then 1 else 0 end
        ) = 1 as has_response,
        -- M-PLA-3: at least one job-situation response with a start in the window
        max(
            case
                when is_collected_by_cutoff and counts_as_job and is_started_in_window
                    then 1
                else 0
            end
        ) = 1 as is_placed,
        min(
            case
                when is_collected_by_cutoff and counts_as_job and is_started_in_window
                    then job_started_on
            end
        ) as first_job_started_on,
        -- M-PLA-6: the same at the twelve-month horizon
        max(
            case when counts_as_job and is_started_in_window_12m then 1 else 0 end
        ) = 1 as is_placed_12m
    from responses
    group by enrollment_id
),

final as (
    select
        graduates.enrollment_id,
        graduates.user_id,
        graduates.path_id,
        graduates.funding_type,
        graduates.funding_type = 'apprenticeship' as is_apprenticeship,
        graduates.started_on,
        graduates.graduated_on,
        graduates.placement_cohort_year,
        graduates.window_end_on,
        graduates.response_cutoff_on,
        graduates.window_end_12m_on,
        graduates.response_cutoff_12m_on,
        coalesce(per_graduate.n_responses, 0) as n_responses_by_cutoff,
        -- M-PLA-5: a graduate with no response is in the denominator, not placed
        coalesce(per_graduate.has_response, false) as has_response,
        coalesce(per_graduate.is_placed, false) as is_placed,
        per_graduate.first_job_started_on,
        coalesce(per_graduate.is_placed_12m, false) as is_placed_12m
    from graduates
    left join per_graduate
        on graduates.enrollment_id = per_graduate.enrollment_id
)

select * from final
