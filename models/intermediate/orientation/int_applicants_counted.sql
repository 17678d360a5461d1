-- M-ORI-1, M-ORI-2: the applicants population counted per year (G-4: individuals),
-- in total and by the groups of M-GRP-2 (gender, path domain of the first
-- application), in the fixed contract of every population model.
with

applicants as (
    select * from {{ ref('int_applicants_converted') }}
),

applicant_groups as (
    select * from {{ ref('int_applicants_grouped') }}
),

by_group as (
    -- the dimension `all` is the total; an applicant is converted by any application
    -- of the year, only the group comes from the first one
    select
        applicants.submitted_year as year,
        'all' as segment,
        applicant_groups.dimension,
        applicant_groups.group_name,
        count(*) as applicants,
        sum(case when applicants.is_converted then 1 else 0 end) as converted_applicants
    from applicants
    inner join applicant_groups
        on
            applicants.user_id = applicant_groups.user_id
            and applicants.submitted_year = applicant_groups.submitted_year
    group by
        applicants.submitted_year,
        applicant_groups.dimension,
        applicant_groups.group_name
),

final as (
    {{ population_counts('applicants', 'by_group', [
        'applicants',
        'converted_applicants',
    ], grouped=true) }}
)

select * from final
