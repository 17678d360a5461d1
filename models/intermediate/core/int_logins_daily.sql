-- Every activity rule (M-CAR-2, M-REA-1, M-REA-2, G-8) reads this relation instead of
-- the logins: the daily logins of real users (G-2), from the logins folded file by file
-- (int_logins_daily_by_file). A view: the users change from delivery to delivery, so
-- G-2 is applied on every build, to rows that are read once per file.
{{ config(materialized='view') }}

with

logins_daily as (
    select * from {{ ref('int_logins_daily_by_file') }}
),

users as (
    select * from {{ ref('int_users_filtered') }}
),

final as (
    select
        logins_daily.source_file,
        logins_daily.user_id,
        logins_daily.activity_on,
        logins_daily.ip_country_code,
        logins_daily.n_logins
    from logins_daily
    -- G-2: logins of test accounts are dropped here, once
    inner join users
        on logins_daily.user_id = users.user_id
)

select * from final
