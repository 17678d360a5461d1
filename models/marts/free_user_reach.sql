-- M-REA: one row per year: free users and the countries they logged in from.
with

free_users as (
    select * from {{ ref('int_free_users_counted') }}
),

free_user_countries as (
    select * from {{ ref('int_free_user_countries_counted') }}
),

reach_counts as (
    select
        free_users.year,
        free_users.n as n_free_users,
        free_user_countries.n as n_countries
    from free_users
    left join free_user_countries
        on
            free_users.year = free_user_countries.year
            and free_users.segment = free_user_countries.segment
            and free_user_countries.count_name = 'countries_reached'
    where free_users.count_name = 'free_users' and free_users.segment = 'all'
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
