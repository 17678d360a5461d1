-- M-GRP-1: every enrolment in exactly one group of each dimension, one row per
-- (enrolment, dimension), the population models' breakdowns. The dimension `all` puts
-- every enrolment in the group `all` (the total), and `mix_cell` in its M-VA-1 cell
-- (funding_type / unemployed / low_qualification), so that one aggregation over this
-- relation gives the totals, the groups and the cells. The one place the groups of
-- an enrolment are decided.
with

enrollments as (
    select * from {{ ref('int_enrollments_filtered') }}
),

users as (
    select * from {{ ref('int_users_filtered') }}
),

paths as (
    select * from {{ ref('stg_platform__paths') }}
),

profiled as (
    select * from {{ ref('int_enrollments_profiled') }}
),

located as (
    select * from {{ ref('int_enrollments_located') }}
),

grouped as (
    -- one column per dimension
    select
        enrollments.enrollment_id,
        {{ gender_group('users.gender') }} as gender,
        enrollments.funding_type,
        -- a path missing from the paths export has no domain: unknown
        coalesce(paths.domain, 'unknown') as path_domain,
        -- M-DEM-2, M-DEM-3: the latest profile of this very enrolment
        case
            when profiled.is_unemployed then 'yes'
            when profiled.is_employment_unknown then 'unknown'
            else 'no'
        end as unemployed,
        case
            when profiled.is_low_qualification then 'yes'
            when profiled.is_qualification_unknown then 'unknown'
            else 'no'
        end as low_qualification,
        case
            when profiled.is_refugee then 'yes'
            when profiled.is_refugee_unknown then 'unknown'
            else 'no'
        end as refugee,
        case
            when profiled.has_disability then 'yes'
            when profiled.is_disability_unknown then 'unknown'
            else 'no'
        end as disability,
        -- M-UND-1..3 at the start of this enrolment: assessed only for France
        -- residents with an exact address
        case
            when located.is_in_underserved_area then 'yes'
            when located.is_in_area_population then 'no'
            else 'not_assessed'
        end as underserved_area,
        case
            when
                profiled.is_unemployed
                or profiled.is_low_qualification
                or profiled.is_refugee
                or profiled.has_disability
                or located.is_in_underserved_area
                then 'yes'
            else 'no'
        end as any_underserved,
        -- M-RES-1: residence at the start of the enrolment
        located.region_group
    from enrollments
    inner join users
        on enrollments.user_id = users.user_id
    inner join profiled
        on enrollments.enrollment_id = profiled.enrollment_id
    inner join located
        on enrollments.enrollment_id = located.enrollment_id
    left join paths
        on enrollments.path_id = paths.path_id
),

final as (
    select
        enrollment_id,
        'all' as dimension,
        'all' as group_name
    from grouped
    union all
    select
        enrollment_id,
        'gender' as dimension,
        gender as group_name
    from grouped
    union all
    select
        enrollment_id,
        'funding_type' as dimension,
        funding_type as group_name
    from grouped
    union all
    select
        enrollment_id,
        'path_domain' as dimension,
        path_domain as group_name
    from grouped
    union all
    select
        enrollment_id,
        'unemployed' as dimension,
        unemployed as group_name
    from grouped
    union all
    select
        enrollment_id,
        'low_qualification' as dimension,
        low_qualification as group_name
    from grouped
    union all
    select
        enrollment_id,
        'refugee' as dimension,
        refugee as group_name
    from grouped
    union all
    select
        enrollment_id,
        'disability' as dimension,
        disability as group_name
    from grouped
    union all
    select
        enrollment_id,
        'underserved_area' as dimension,
        underserved_area as group_name
    from grouped
    union all
    select
        enrollment_id,
        'any_underserved' as dimension,
        any_underserved as group_name
    from grouped
    union all
    select
        enrollment_id,
        'region_group' as dimension,
        region_group as group_name
    from grouped
    union all
    -- M-VA-1: the cell of the mix adjustment
    select
        enrollment_id,
        'mix_cell' as dimension,
        {{ dbt.concat([
            'funding_type', "' / '", 'unemployed', "' / '", 'low_qualification'
        ]) }} as group_name
    from grouped
)

select * from final
