-- M-REA-1, M-REA-2: one row per year: the free users and the countries they logged
-- in from. The one place reach is counted (impact indicators, free_user_reach and
-- the G-9 cell size of free_user_countries).
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
        users_by_year.year,
        users_by_year.n_free_users,
        coalesce(countries_by_year.n_countries, 0) as n_countries
    from users_by_year
    left join countries_by_year
        on users_by_year.year = countries_by_year.year
)

select * from final
