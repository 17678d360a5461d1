-- G-2: test accounts, and every record that belongs to them, never reach an indicator.
-- Every other intermediate model joins to this one instead of re-applying the flag.
with

users as (
    select * from {{ ref('stg_platform__users') }}
),

final as (
    select
        user_id,
        created_on,
        gender,
        deleted_at,
        deleted_on,
        is_deleted
    from users
    where not is_test_account
)

select * from final
