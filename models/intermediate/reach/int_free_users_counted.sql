-- M-REA-1: the free users of each year counted, in the fixed contract of every
-- population model.
with

free_users as (
    select * from {{ ref('int_free_users_yearly') }}
),

by_year as (
    select
        activity_year as year,
        'all' as segment,
        count(*) as free_users
    from free_users
    group by activity_year
),

final as (
    {{ population_counts('free_users', 'by_year', [
        'free_users',
    ]) }}
)

select * from final
