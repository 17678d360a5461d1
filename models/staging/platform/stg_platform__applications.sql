with

base as (
    select * from {{ ref('base_platform__applications') }}
),

latest as (
    -- G-3: the version with the greatest updated_at wins; ties: the file sorting last
    select base.*
    from base
    where base.record.application_id is not null and base.record.updated_at is not null
    qualify row_number() over (
            partition by base.record.application_id
            order by base.record.updated_at desc, base.source_file desc
        ) = 1
),

final as (
    select
        latest.record.application_id,
        latest.record.user_id,
        latest.record.path_id,
        latest.record.submitted_at,
        {{ paris_date('latest.record.submitted_at') }} as submitted_on,
        latest.record.status,
        latest.record.decided_at,
        {{ paris_date('latest.record.decided_at') }} as decided_on,
        latest.record.funding_requested,
        latest.record.updated_at,
        latest.source_file
    from latest
    -- the record's latest version breaks the contract: it is in the quarantine
    where not latest.is_quarantined
)

select * from final
