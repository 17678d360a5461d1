with

base as (
    select * from {{ ref('base_platform__users') }}
),

latest as (
    -- G-3: the version with the greatest updated_at wins; ties: the file sorting last
    select base.*
    from base
    where base.record.user_id is not null and base.record.updated_at is not null
    qualify row_number() over (
            partition by base.record.user_id
            order by base.record.updated_at desc, base.source_file desc
        ) = 1
),

final as (
    select
        latest.record.user_id,
        latest.record.created_at,
        {{ paris_date('latest.record.created_at') }} as created_on,
        latest.record.updated_at,
        latest.record.gender,
        -- G-2: an empty flag means an ordinary account
        coalesce(latest.record.is_test_account, false) as is_test_account,
        latest.record.deleted_at,
        {{ paris_date('latest.record.deleted_at') }} as deleted_on,
        latest.record.deleted_at is not null as is_deleted,
        latest.source_file
    from latest
    -- the record's latest version breaks the contract: it is in the quarantine
    where not latest.is_quarantined
)

select * from final
