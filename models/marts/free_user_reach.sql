-- M-REA: one row per year: free users and the countries they logged in from.
with

reach_counts as (
    select * from {{ ref('int_free_users_counted') }}
),

judged as (
    select
        *,
        -- G-9: small cells hidden (countries are built from the free users)
        {{ is_small_cell(['n_free_users']) }} as is_suppressed
    from reach_counts
),

final as (
    select
        cast(year as integer) as year,
        case when not is_suppressed then cast(n_free_users as bigint) end as free_users,
        case when not is_suppressed then cast(n_countries as bigint) end as countries,
        is_suppressed
    from judged
)

select * from final
