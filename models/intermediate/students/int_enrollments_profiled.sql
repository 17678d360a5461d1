-- M-DEM-2, M-DEM-3: every enrolment with its latest self-reported profile (greatest
-- collected_at, then greatest profile_id), NULL answers when it has none, and the
-- profile categories it puts its holder in. Blank, undisclosed or missing answers
-- are not in the category (M-DEM-2) and are flagged as unknown.
with

enrollments as (
    select * from {{ ref('int_enrollments_filtered') }}
),

student_profiles as (
    select * from {{ ref('stg_platform__student_profiles') }}
),

qualification_levels as (
    select * from {{ ref('qualification_levels') }}
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
        latest_profiles.refugee_answer,
        -- M-DEM-3
        coalesce(latest_profiles.employment_status = 'unemployed', false) as is_unemployed,
        coalesce(qualification_levels.is_low_qualification, false)
            as is_low_qualification,
        coalesce(latest_profiles.refugee_answer = 'yes', false) as is_refugee,
        coalesce(latest_profiles.disability_answer = 'yes', false) as has_disability,
        -- M-DEM-2: unknown answers (blank, undisclosed, no profile row)
        coalesce(latest_profiles.employment_status, 'undisclosed') = 'undisclosed'
            as is_employment_unknown,
        coalesce(latest_profiles.highest_qualification, 'undisclosed') = 'undisclosed'
            as is_qualification_unknown,
        coalesce(latest_profiles.refugee_answer, 'undisclosed') = 'undisclosed'
            as is_refugee_unknown,
        coalesce(latest_profiles.disability_answer, 'undisclosed') = 'undisclosed'
            as is_disability_unknown
    from enrollments
    left join latest_profiles
        on enrollments.enrollment_id = latest_profiles.enrollment_id
    left join qualification_levels
        on latest_profiles.highest_qualification = qualification_levels.highest_qualification
)

select * from final
