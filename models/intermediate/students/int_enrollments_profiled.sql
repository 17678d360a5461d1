-- M-DEM-2: every enrolment with its latest self-reported profile (greatest
-- collected_at, then greatest profile_id), NULL answers when it has none.
with

enrollments as (
    select * from {{ ref('int_enrollments_filtered') }}
),

student_profiles as (
    select * from {{ ref('stg_platform__student_profiles') }}
),

latest_profiles as (
    select *
    from student_profiles
    qualify row_number() over (
            partition by enrollment_id
            order by collected_at desc nulls last, profile_id desc
        ) = 1
),

final as (
    select
        enrollments.enrollment_id,
        enrollments.user_id,
        latest_profiles.profile_id,
        latest_profiles.collected_on as profile_collected_on,
        latest_profiles.employment_status,
        latest_profiles.highest_qualification,
        latest_profiles.disability_answer,
        latest_profiles.refugee_answer
    from enrollments
    left join latest_profiles
        on enrollments.enrollment_id = latest_profiles.enrollment_id
)

select * from final
