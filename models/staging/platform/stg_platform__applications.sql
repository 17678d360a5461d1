with

base as (
    select * from {{ ref('base_platform__applications') }}
),

latest as (
    -- G-3: the version with the greatest updated_at wins; ties: the file sorting last
    select *
    from base
    where record.application_id is not null and record.updated_at is not null
    qualify row_number() over (
            partition by record.application_id
            order by record.updated_at desc, source_file desc
        ) = 1
),

final as (
    select
        record.application_id as application_id,
        record.user_id as user_id,
        record.path_id as path_id,
        record.submitted_at as submitted_at,
        {{ paris_date('record.submitted_at') }} as submitted_on,
        record.status as status,
        record.decided_at as decided_at,
        {{ paris_date('record.decided_at') }} as decided_on,
        record.funding_requested as funding_requested,
        record.updated_at as updated_at,
        source_file
    from latest
    -- the record's latest version breaks the contract: it is in the quarantine
    where not is_quarantined
)

select * from final
