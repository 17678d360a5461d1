-- M-GRP-1, M-GRP-2: every applicant of a year in exactly one group of each dimension
-- orientation_rate is broken down by, one row per (applicant, year, dimension): their
-- gender, and the path domain of their first application of the year (earliest
-- submitted_at, then lowest application_id). The dimension `all` is the total.
with

applications as (
    select * from {{ ref('int_applications_linked') }}
),

users as (
    select * from {{ ref('int_users_filtered') }}
),

paths as (
    select * from {{ ref('stg_platform__paths') }}
),

first_applications as (
    select
        user_id,
        submitted_year,
        path_id
    from applications
    qualify row_number() over (
            partition by user_id, submitted_year
            order by submitted_at, application_id
        ) = 1
),

grouped as (
    select
        first_applications.user_id,
        first_applications.submitted_year,
        {{ gender_group('users.gender') }} as gender,
        coalesce(paths.domain, 'unknown') as path_domain
    from first_applications
    inner join users
        on first_applications.user_id = users.user_id
    left join paths
        on first_applications.path_id = paths.path_id
),

final as (
    select
        user_id,
        submitted_year,
        'all' as dimension,
        'all' as group_name
    from grouped
    union all
    select
        user_id,
        submitted_year,
        'gender' as dimension,
        gender as group_name
    from grouped
    union all
    select
        user_id,
        submitted_year,
        'path_domain' as dimension,
        path_domain as group_name
    from grouped
)

select * from final
