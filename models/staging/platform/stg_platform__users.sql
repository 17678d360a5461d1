with

base as (
    select * from {{ ref('base_platform__users') }}
),

latest as (
    -- G-3: the version with the greatest updated_at wins; ties: the file sorting last
    select *
    from base
    where user_id is not null and updated_at is not null
    qualify row_number() over (
            partition by user_id
            order by updated_at desc, source_file desc
        ) = 1
),

final as (
    select
        user_id,
        created_at,
        {{ paris_date('created_at') }} as created_on,
        updated_at,
        gender,
        -- G-2: an empty flag means an ordinary account
        coalesce(is_test_account, false) as is_test_account,
        deleted_at,
        {{ paris_date('deleted_at') }} as deleted_on,
        deleted_at is not null as is_deleted,
        source_file
    from latest
    -- the record's latest version breaks the contract: it is in the quarantine
    where not is_quarantined
)

select * from final
