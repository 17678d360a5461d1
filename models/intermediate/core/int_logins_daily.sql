-- Every activity rule reads this relation instead of the logins, directly (M-CAR-2) or
-- through its yearly sums (int_logins_yearly: M-REA-1, M-REA-2): the daily logins
-- of real users (G-2), from the logins folded file by file (int_logins_daily_by_file).
-- A view: the users change from delivery to delivery, so G-2 is applied on every build,
-- to rows that are read once per file. The report date (G-8) reads every login of the
-- export, test accounts' included (int_logins_daily_by_file).
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
