-- M-PLA-1..6: the placement cohort (graduate enrolments of the year) counted per
-- year, in the fixed contract of every population model.
with

graduates as (
    select * from {{ ref('int_graduates_placed') }}
),

by_year as (
    select
        placement_cohort_year as year,
        'all' as segment,
        -- M-PLA-5: a graduate with no response is in the cohort, not placed
        count(*) as graduates,
        sum(case when is_placed then 1 else 0 end) as placed_graduates,
        sum(case when is_apprenticeship then 1 else 0 end) as apprentice_graduates,
        sum(
            case when is_apprenticeship and is_placed then 1 else 0 end
        ) as placed_apprentice_graduates,
        sum(case when has_response then 1 else 0 end) as responding_graduates,
        -- M-PLA-6
        sum(case when is_placed_12m then 1 else 0 end) as placed_graduates_12m
    from graduates
    group by placement_cohort_year
),

final as (
    {{ population_counts('graduates', 'by_year', [
        'graduates',
        'placed_graduates',
        'apprentice_graduates',
        'placed_apprentice_graduates',
        'responding_graduates',
        'placed_graduates_12m',
    ]) }}
)

select * from final
