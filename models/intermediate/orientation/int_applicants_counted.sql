-- M-ORI-1, M-ORI-2: the applicants population counted per year (G-4: individuals),
-- in the fixed contract of every population model.
with

applicants as (
    select * from {{ ref('int_applicants_converted') }}
),

by_year as (
    select
        submitted_year as year,
        'all' as segment,
        count(*) as applicants,
        sum(case when is_converted then 1 else 0 end) as converted_applicants
    from applicants
    group by submitted_year
),

final as (
    {{ population_counts('applicants', 'by_year', [
        'applicants',
        'converted_applicants',
    ]) }}
)

select * from final
