-- One row per real user (G-2). Pseudonymous: the platform's numeric account id
-- and non-identifying attributes only; no name, e-mail, birth date or address.
with

users as (
    select * from {{ ref('int_users_filtered') }}
),

final as (
    select
        user_id,
        created_on,
        {{ year_of('created_on') }} as created_year,
        gender,
        is_deleted,
        deleted_on
    from users
)

select * from final
