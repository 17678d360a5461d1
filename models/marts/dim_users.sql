-- One row per real user (G-2). Pseudonymised: a keyed pseudonym of the platform's
-- account id (doc block pseudonymised_ids) and non-identifying attributes only; no
-- platform id, name, e-mail, birth date or address.
with

users as (
    select * from {{ ref('int_users_filtered') }}
),

final as (
    select
        {{ pseudonym('user_id') }} as user_id,
        created_on,
        {{ year_of('created_on') }} as created_year,
        gender,
        is_deleted,
        deleted_on
    from users
)

select * from final
