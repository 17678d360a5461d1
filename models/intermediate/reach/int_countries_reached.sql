-- M-REA-2: one row per year and country reached: valid ISO 3166-1 alpha-2 codes
-- of the logins of the free users of Y during Y. Pseudo-codes (XX, A1, A2, AP,
-- EU) and empty codes are not in the countries reference, so they drop out.
with

logins_daily as (
    select * from {{ ref('int_logins_daily') }}
),

free_users as (
    select * from {{ ref('int_free_users_yearly') }}
),

countries as (
    select * from {{ ref('countries') }}
),

final as (
    select
        free_users.free_user_year,
        countries.country_code,
        count(distinct logins_daily.user_id) as free_users,
        sum(logins_daily.n_logins) as n_logins
    from logins_daily
    inner join free_users
        on
            logins_daily.user_id = free_users.user_id
            and {{ year_of('logins_daily.activity_on') }} = free_users.free_user_year
    inner join countries
        on logins_daily.ip_country_code = countries.country_code
    group by
        free_users.free_user_year,
        countries.country_code
)

select * from final
