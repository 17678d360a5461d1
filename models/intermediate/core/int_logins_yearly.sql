-- The rules that look at a whole calendar year of activity (M-REA-1 free users, M-REA-2
-- countries) read this relation: the daily logins of real users
-- (int_logins_daily, G-2) summed per user, Paris year and geo-IP country, over days and
-- files. At scale it holds about a tenth of the daily rows, so each of those rules
-- reads the logins once through this table instead of joining the daily rows again.
-- Recomputed on every build from the rows staged by file: the year of a user changes
-- when a new month arrives.
with

logins_daily as (
    select * from {{ ref('int_logins_daily') }}
),

final as (
    select
        user_id,
        {{ year_of('activity_on') }} as activity_year,
        ip_country_code,
        sum(n_logins) as n_logins
    from logins_daily
    group by
        user_id,
        {{ year_of('activity_on') }},
        ip_country_code
)

select * from final
