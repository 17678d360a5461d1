-- M-DEM, M-UND, M-TEC, M-RES: one row per student and year, described by their
-- first enrolment of the year: its latest profile and profile categories
-- (int_enrollments_profiled), its residence at enrolment (int_enrollments_located),
-- the five underserved flags and the Tech and gender flags.
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

final as (
    select
        students.user_id,
        students.start_year,
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
        -- M-DEM-3 (a student without a profile row is in no category)
        coalesce(profiled.is_unemployed, false) as is_unemployed,
        coalesce(profiled.is_low_qualification, false) as is_low_qualification,
        coalesce(profiled.is_refugee, false) as is_refugee,
        coalesce(profiled.has_disability, false) as has_disability,
        -- M-UND-3
        located.is_in_underserved_area,
        -- M-DEM-3: any of the five; outside the area population, not by area
        coalesce(profiled.is_unemployed, false)
        or coalesce(profiled.is_low_qualification, false)
        or coalesce(profiled.is_refugee, false)
        or coalesce(profiled.has_disability, false)
        or located.is_in_underserved_area as is_any_underserved,
        -- M-DEM-2: unknown answers (blank, undisclosed, no profile row)
        coalesce(profiled.is_employment_unknown, true) as is_employment_unknown,
        coalesce(profiled.is_qualification_unknown, true) as is_qualification_unknown,
        coalesce(profiled.is_refugee_unknown, true) as is_refugee_unknown,
        coalesce(profiled.is_disability_unknown, true) as is_disability_unknown,
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
)

select * from final
