-- M-PLA-1..6: the placement cohort (graduate enrolments of the year) counted per
-- year, in total and by every group of M-GRP-1 (and M-VA-1 cell), in the fixed
-- contract of every population model.
with

graduates as (
    select * from {{ ref('int_graduates_placed') }}
),

enrollment_groups as (
    select * from {{ ref('int_enrollments_grouped') }}
),

by_group as (
    -- the dimension `all` is the total
    select
        graduates.placement_cohort_year as year,
        'all' as segment,
        enrollment_groups.dimension,
        enrollment_groups.group_name,
        -- M-PLA-5: a graduate with no response is in the cohort, not placed
        count(*) as graduates,
        sum(case when graduates.is_placed then 1 else 0 end) as placed_graduates,
        sum(case when graduates.is_apprenticeship then 1 else 0 end) as apprentice_graduates,
        sum(
            case when graduates.is_apprenticeship and graduates.is_placed then 1 else 0 end
        ) as placed_apprentice_graduates,
        sum(case when graduates.has_response then 1 else 0 end) as responding_graduates,
        -- M-PLA-6
        sum(case when graduates.is_placed_12m then 1 else 0 end) as placed_graduates_12m
    from graduates
    inner join enrollment_groups
        on graduates.enrollment_id = enrollment_groups.enrollment_id
    group by
        graduates.placement_cohort_year,
        enrollment_groups.dimension,
        enrollment_groups.group_name
),

final as (
    {{ population_counts('graduates', 'by_group', [
        'graduates',
        'placed_graduates',
        'apprentice_graduates',
        'placed_apprentice_graduates',
        'responding_graduates',
        'placed_graduates_12m',
    ], grouped=true) }}
)

select * from final
