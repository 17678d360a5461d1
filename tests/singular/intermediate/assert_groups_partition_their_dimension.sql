-- M-GRP-1: the groups of a dimension partition its population: every enrolment (and
-- every applicant of a year) has exactly one group in each dimension, and the group is
-- one of the dimension's groups (path_domain: a domain of the path_domains seed, or
-- unknown; mix_cell: a funding type / unemployed / low_qualification triple). Rows
-- returned are members with a missing dimension, or groups outside their dimension.
{%- set mix_cell_pattern =
    '(self_funded|employer|public|apprenticeship) / (yes|no|unknown) / (yes|no|unknown)'
%}

with

enrollment_groups as (
    select * from {{ ref('int_enrollments_grouped') }}
),

applicant_groups as (
    select * from {{ ref('int_applicants_grouped') }}
),

enrollments as (
    select * from {{ ref('int_enrollments_filtered') }}
),

applicants as (
    select * from {{ ref('int_applicants_converted') }}
),

path_domains as (
    select * from {{ ref('path_domains') }}
),

group_dimensions as (
    select * from {{ ref('group_dimensions') }}
),

members as (
    select
        'enrollment' as member_kind,
        cast(enrollment_id as {{ dbt.type_string() }}) as member_id,
        dimension,
        group_name
    from enrollment_groups
    union all
    select
        'applicant' as member_kind,
        {{ dbt.concat([
            'cast(user_id as ' ~ dbt.type_string() ~ ')',
            "'/'",
            'cast(submitted_year as ' ~ dbt.type_string() ~ ')',
        ]) }} as member_id,
        dimension,
        group_name
    from applicant_groups
),

expected_counts as (
    -- an enrolment has every dimension of the group_dimensions seed, `all` and
    -- `mix_cell`; an applicant gender, path_domain and `all` (M-GRP-2)
    select
        'enrollment' as member_kind,
        count(*) as n_members,
        (select count(*) from group_dimensions) + 2 as n_dimensions
    from enrollments
    union all
    select
        'applicant' as member_kind,
        count(*) as n_members,
        3 as n_dimensions
    from applicants
),

found_counts as (
    select
        member_kind,
        count(distinct member_id) as n_members,
        count(*) as n_rows
    from members
    group by member_kind
),

coverage_violations as (
    -- every member once per dimension
    select
        expected_counts.member_kind,
        cast(null as {{ dbt.type_string() }}) as dimension,
        cast(null as {{ dbt.type_string() }}) as group_name,
        'members or dimensions missing' as violation
    from expected_counts
    left join found_counts
        on expected_counts.member_kind = found_counts.member_kind
    where
        coalesce(found_counts.n_members, 0) <> expected_counts.n_members
        or coalesce(found_counts.n_rows, 0)
        <> expected_counts.n_members * expected_counts.n_dimensions
),

vocabulary_violations as (
    select distinct
        members.member_kind,
        members.dimension,
        members.group_name,
        'group outside its dimension' as violation
    from members
    left join path_domains
        on members.group_name = path_domains.domain
    where not (
            (members.dimension = 'all' and members.group_name = 'all')
            or (
                members.dimension = 'gender'
                and members.group_name in ('female', 'male', 'non_binary', 'unknown')
            )
            or (
                members.dimension = 'funding_type'
                and members.group_name in ('self_funded', 'employer', 'public', 'apprenticeship')
            )
            or (
                members.dimension = 'path_domain'
                and (path_domains.domain is not null or members.group_name = 'unknown')
            )
            or (
                members.dimension in ('unemployed', 'low_qualification', 'refugee', 'disability')
                and members.group_name in ('yes', 'no', 'unknown')
            )
            or (
                members.dimension = 'underserved_area'
                and members.group_name in ('yes', 'no', 'not_assessed')
            )
            or (members.dimension = 'any_underserved' and members.group_name in ('yes', 'no'))
            or (
                members.dimension = 'region_group'
                and members.group_name in (
                    'France', 'Africa', 'Europe', 'Rest of the world', 'Unknown'
                )
            )
            or (
                members.dimension = 'mix_cell'
                and {{ regex_full_match('members.group_name', mix_cell_pattern) }}
            )
        )
)

select * from coverage_violations
union all
select * from vocabulary_violations
