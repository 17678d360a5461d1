-- M-DEM, M-UND, M-TEC, M-RES: one row per student and year, described by their
-- first enrolment of the year: latest profile, residence at enrolment and the
-- five underserved flags. Blank, undisclosed or missing answers are not in the
-- category (M-DEM-2) and are flagged as unknown.
with

students as (
    select * from {{ ref('int_students_enrolled') }}
),

profiled as (
    select * from {{ ref('int_enrollments_profiled') }}
),

located as (
    select * from {{ ref('int_enrollments_located') }}
),

users as (
    select * from {{ ref('int_users_filtered') }}
),

paths as (
    select * from {{ ref('stg_platform__paths') }}
),

path_domains as (
    select * from {{ ref('path_domains') }}
),

qualification_levels as (
    select * from {{ ref('qualification_levels') }}
),

final as (
    select
        students.user_id,
        students.student_year,
        students.enrollment_id,
        students.path_id,
        students.funding_type,
        students.started_on,
        profiled.profile_id,
        profiled.employment_status,
        profiled.highest_qualification,
        profiled.disability_answer,
        profiled.refugee_answer,
        users.gender,
        paths.domain as path_domain,
        located.address_id,
        located.country_code,
        located.country_name,
        located.region_group,
        located.is_resident_in_france,
        located.is_exact_address,
        located.is_in_area_population,
        -- M-DEM-3
        coalesce(profiled.employment_status = 'unemployed', false) as is_unemployed,
        coalesce(qualification_levels.is_low_qualification, false)
            as is_low_qualification,
        coalesce(profiled.refugee_answer = 'yes', false) as is_refugee,
        coalesce(profiled.disability_answer = 'yes', false) as has_disability,
        -- M-UND-3
        located.is_in_underserved_area,
        -- M-DEM-3: any of the five; outside the area population, not by area
        coalesce(profiled.employment_status = 'unemployed', false)
        or coalesce(qualification_levels.is_low_qualification, false)
        or coalesce(profiled.refugee_answer = 'yes', false)
        or coalesce(profiled.disability_answer = 'yes', false)
        or located.is_in_underserved_area as is_any_underserved,
        -- M-DEM-2: unknown answers (blank, undisclosed, no profile row)
        coalesce(profiled.employment_status, 'undisclosed') = 'undisclosed'
            as is_employment_unknown,
        coalesce(profiled.highest_qualification, 'undisclosed') = 'undisclosed'
            as is_qualification_unknown,
        coalesce(profiled.refugee_answer, 'undisclosed') = 'undisclosed'
            as is_refugee_unknown,
        coalesce(profiled.disability_answer, 'undisclosed') = 'undisclosed'
            as is_disability_unknown,
        -- M-TEC-1: the path_domains reference holds the seven Tech domains
        coalesce(path_domains.is_tech, false) as is_in_tech_path,
        coalesce(users.gender = 'female', false) as is_female,
        coalesce(users.gender, 'undisclosed') = 'undisclosed' as is_gender_unknown
    from students
    inner join users
        on students.user_id = users.user_id
    left join profiled
        on students.enrollment_id = profiled.enrollment_id
    left join located
        on students.enrollment_id = located.enrollment_id
    left join paths
        on students.path_id = paths.path_id
    left join path_domains
        on paths.domain = path_domains.domain
    left join qualification_levels
        on profiled.highest_qualification = qualification_levels.highest_qualification
)

select * from final
