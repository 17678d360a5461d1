-- M-REA-2: for every year with free users, the distinct valid ISO 3166-1 alpha-2
-- country codes of their logins during the year (0 when none), in the fixed
-- contract of every population model (population free_users: the countries of the
-- free users). Pseudo-codes (XX, A1, A2, AP, EU) and empty codes are not in the
-- countries reference, so they drop out.
with

logins_yearly as (
    select * from {{ ref('int_logins_yearly') }}
),

free_users as (
    select * from {{ ref('int_free_users_yearly') }}
),

countries as (
    select * from {{ ref('countries') }}
),

free_user_years as (
    select distinct activity_year
    from free_users
),

countries_reached as (
    select distinct
        free_users.activity_year,
        countries.country_code
    from logins_yearly
    inner join free_users
        on
            logins_yearly.user_id = free_users.user_id
            and logins_yearly.activity_year = free_users.activity_year
    inner join countries
        on logins_yearly.ip_country_code = countries.country_code
),

by_year as (
    select
        free_user_years.activity_year as year,
        'all' as segment,
        count(countries_reached.country_code) as countries_reached
    from free_user_years
    left join countries_reached
        on free_user_years.activity_year = countries_reached.activity_year
    group by free_user_years.activity_year
),

final as (
    {{ population_counts('free_users', 'by_year', [
        'countries_reached',
    ]) }}
)

select * from final
