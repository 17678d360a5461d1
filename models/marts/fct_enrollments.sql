-- One row per non-cancelled enrolment of a real user (G-2, G-5), with every flag
-- the indicators use. Not for publication (G-9 does not apply). Ids are keyed
-- pseudonyms (doc block pseudonymised_ids).
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
        located.is_in_underserved_area
    from enrollments
    left join graduation
        on enrollments.enrollment_id = graduation.enrollment_id
    left join graduates
        on enrollments.enrollment_id = graduates.enrollment_id
    left join located
        on enrollments.enrollment_id = located.enrollment_id
    left join students
        on enrollments.enrollment_id = students.enrollment_id
)

select * from final
