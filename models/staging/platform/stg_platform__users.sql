with

base as (
    select * from {{ ref('base_platform__users') }}
),

latest as (
    -- G-3: the version with the greatest updated_at wins; ties: the file sorting last
    select *
    from base
    where record.user_id is not null and record.updated_at is not null
    qualify row_number() over (
            partition by record.user_id
            order by record.updated_at desc, source_file desc
        ) = 1
),

final as (
    select
        record.user_id as user_id,
        record.created_at as created_at,
        {{ paris_date('record.created_at') }} as created_on,
        record.updated_at as updated_at,
        record.gender as gender,
        -- G-2: an empty flag means an ordinary account
        coalesce(record.is_test_account, false) as is_test_account,
        record.deleted_at as deleted_at,
        {{ paris_date('record.deleted_at') }} as deleted_on,
        record.deleted_at is not null as is_deleted,
        source_file
    from latest
    -- the record's latest version breaks the contract: it is in the quarantine
    where not is_quarantined
)

select * from final
