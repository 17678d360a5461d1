-- The only model that reads the big logins export: one pass that folds it into
-- one row per user, Paris day and geo-IP country. Every activity rule (M-CAR-2,
-- M-REA-1, M-REA-2, G-8) reads this relation instead of the logins.
with

logins as (
    select * from {{ ref('stg_platform__logins') }}
),

users as (
    select * from {{ ref('int_users_filtered') }}
),

final as (
    select
        logins.user_id,
        -- G-1: logged_in_on is the Paris date of the UTC timestamp (staging)
        logins.logged_in_on as activity_on,
        logins.ip_country_code,
        count(*) as n_logins
    from logins
    -- G-2: logins of test accounts are dropped here, once
    inner join users
        on logins.user_id = users.user_id
    group by
        logins.user_id,
        logins.logged_in_on,
        logins.ip_country_code
)

select * from final
