-- One row per non-cancelled enrolment of a real user (G-2, G-5), with every flag
-- the indicators use, its groups of M-GRP-1, its outcome status (M-OUT-1) and the
-- status (G-7) of the figures of its cohorts as impact_indicators publishes them.
-- Not for publication (G-9 does not apply). Ids are keyed pseudonyms (doc block
-- pseudonymised_ids).
with

enrollments as (
    select * from {{ ref('int_enrollments_filtered') }}
),

graduation as (
    select * from {{ ref('int_enrollments_graduation_flagged') }}
),

graduates as (
    select * from {{ ref('int_graduates_placed') }}
),

located as (
    select * from {{ ref('int_enrollments_located') }}
),

students as (
    select * from {{ ref('int_students_flagged') }}
),

enrollment_groups as (
    select * from {{ ref('int_enrollments_grouped') }}
),

outcome_statuses as (
    select * from {{ ref('int_graduates_outcome_status') }}
),

judged as (
    select * from {{ ref('int_indicators_judged') }}
),

groups as (
    -- M-GRP-1: one column per dimension that fct_enrollments does not already carry
    -- (funding_type and residence_region_group are their own groups)
    select
        enrollment_id,
        max(case when dimension = 'gender' then group_name end) as gender_group,
        max(case when dimension = 'path_domain' then group_name end) as path_domain,
        max(case when dimension = 'unemployed' then group_name end) as unemployed_group,
        max(
            case when dimension = 'low_qualification' then group_name end
        ) as low_qualification_group,
        max(case when dimension = 'refugee' then group_name end) as refugee_group,
        max(case when dimension = 'disability' then group_name end) as disability_group,
        max(
            case when dimension = 'underserved_area' then group_name end
        ) as underserved_area_group,
        max(
            case when dimension = 'any_underserved' then group_name end
        ) as any_underserved_group
    from enrollment_groups
    group by enrollment_id
),

figure_statuses as (
    -- G-7 status of the published totals, by indicator and year (G-8: no row for a
    -- year impact_indicators does not publish)
    select
        indicator,
        year,
        status
    from judged
    where segment = 'all' and dimension = 'all'
),

final as (
    select
        {{ pseudonym('enrollments.enrollment_id') }} as enrollment_id,
        {{ pseudonym('enrollments.user_id') }} as user_id,
        enrollments.path_id,
        {{ pseudonym('enrollments.application_id') }} as application_id,
        enrollments.funding_type,
        enrollments.status,
        enrollments.started_on,
        enrollments.expected_end_on,
        enrollments.ended_on,
        enrollments.graduated_on,
        enrollments.span_end_on,
        {{ year_of('enrollments.started_on') }} as start_year,
        graduation.graduation_cohort_year,
        graduation.is_graduated_on_time,
        graduation.is_graduated_late,
        graduation.is_graduated_within_150,
        graduation.is_still_active,
        graduates.placement_cohort_year,
        graduates.window_end_on,
        graduates.response_cutoff_on,
        graduates.has_response,
        graduates.is_placed,
        students.enrollment_id is not null as is_first_enrollment_of_year,
        students.is_unemployed,
        students.is_low_qualification,
        students.is_refugee,
        students.has_disability,
        students.is_any_underserved,
        students.is_in_tech_path,
        located.country_code as residence_country_code,
        located.region_group as residence_region_group,
        located.is_resident_in_france,
        located.is_exact_address,
        located.is_in_underserved_area,
        -- M-PLA-6
        graduates.window_end_12m_on,
        graduates.response_cutoff_12m_on,
        graduates.is_placed_12m,
        -- M-OUT-1
        outcome_statuses.outcome_status,
        -- M-GRP-1
        groups.gender_group,
        groups.path_domain,
        groups.unemployed_group,
        groups.low_qualification_group,
        groups.refugee_group,
        groups.disability_group,
        groups.underserved_area_group,
        groups.any_underserved_group,
        -- G-7 of the figures of each cohort the enrolment belongs to
        graduation_status.status as graduation_cohort_status,
        placement_status.status as placement_cohort_status,
        placement_12m_status.status as placement_12m_cohort_status,
        student_status.status as start_year_status
    from enrollments
    left join graduation
        on enrollments.enrollment_id = graduation.enrollment_id
    left join graduates
        on enrollments.enrollment_id = graduates.enrollment_id
    left join located
        on enrollments.enrollment_id = located.enrollment_id
    left join students
        on enrollments.enrollment_id = students.enrollment_id
    left join groups
        on enrollments.enrollment_id = groups.enrollment_id
    left join outcome_statuses
        on enrollments.enrollment_id = outcome_statuses.enrollment_id
    left join figure_statuses as graduation_status
        on
            graduation.graduation_cohort_year = graduation_status.year
            and graduation_status.indicator = 'graduation_rate'
    left join figure_statuses as placement_status
        on
            graduates.placement_cohort_year = placement_status.year
            and placement_status.indicator = 'job_placement_rate'
    left join figure_statuses as placement_12m_status
        on
            graduates.placement_cohort_year = placement_12m_status.year
            and placement_12m_status.indicator = 'job_placement_rate_12m'
    -- M-DEM-1: the figures of the students of the start year (the enrolment that
    -- describes its holder)
    left join figure_statuses as student_status
        on
            students.start_year = student_status.year
            and student_status.indicator = 'share_unemployed'
)

select * from final
