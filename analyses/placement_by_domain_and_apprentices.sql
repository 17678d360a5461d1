-- Job placement (M-PLA-1..5) by path domain, for apprentices and the other graduates,
-- and for every domain together: where does the report's 81% for apprentices come
-- from, and which domains place their graduates? One row per placement cohort year,
-- domain ('All domains' for the total) and funding group.
-- Internal analysis: cells under min_cell_size (G-9) are flagged, not suppressed.
with

fct_enrollments as (
    select * from {{ ref('fct_enrollments') }}
),

dim_paths as (
    select * from {{ ref('dim_paths') }}
),

graduates as (
    select
        fct_enrollments.placement_cohort_year as year,
        coalesce(dim_paths.domain, 'Unknown') as domain,
        case
            when fct_enrollments.funding_type = 'apprenticeship' then 'apprentice'
            else 'other_funding'
        end as funding_group,
        case when fct_enrollments.is_placed then 1 else 0 end as is_placed,
        case when fct_enrollments.has_response then 1 else 0 end as has_response
    from fct_enrollments
    left join dim_paths
        on fct_enrollments.path_id = dim_paths.path_id
    where fct_enrollments.placement_cohort_year is not null
),

by_domain as (
    select
        year,
        domain,
        funding_group,
        count(*) as graduates,
        sum(is_placed) as placed,
        sum(has_response) as responded
    from graduates
    group by year, domain, funding_group
),

all_domains as (
    select
        year,
        'All domains' as domain,
        funding_group,
        count(*) as graduates,
        sum(is_placed) as placed,
        sum(has_response) as responded
    from graduates
    group by year, funding_group
),

combined as (
    select * from by_domain
    union all
    select * from all_domains
),

final as (
    select
        year,
        domain,
        funding_group,
        graduates,
        placed,
        responded,
        {{ safe_ratio('placed', 'graduates') }} as job_placement_rate,
        {{ safe_ratio('responded', 'graduates') }} as response_rate,
        graduates < {{ var('min_cell_size') }} as is_small_cell
    from combined
)

select * from final
order by year, funding_group, domain
