-- M-REA: one row per year: free users and the countries they logged in from.
with

free_users as (
    select * from {{ ref('int_free_users_yearly') }}
),

countries_reached as (
    select * from {{ ref('int_countries_reached') }}
),

users_by_year as (
    select
        free_user_year as year,
        count(*) as n_free_users
    from free_users
    group by free_user_year
),

countries_by_year as (
    select
        free_user_year as year,
        count(*) as n_countries
    from countries_reached
    group by free_user_year
),

final as (
    select
        cast(users_by_year.year as integer) as year,
        -- G-9: small cells hidden
        case
            when users_by_year.n_free_users >= {{ var('min_cell_size') }}
                then cast(users_by_year.n_free_users as bigint)
        end as free_users,
        case
            when users_by_year.n_free_users >= {{ var('min_cell_size') }}
                then cast(coalesce(countries_by_year.n_countries, 0) as bigint)
        end as countries,
        users_by_year.n_free_users < {{ var('min_cell_size') }} as is_suppressed
    from users_by_year
    left join countries_by_year
        on users_by_year.year = countries_by_year.year
)

select * from final
