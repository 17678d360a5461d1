with

base as (
    select * from {{ ref('base_platform__paths') }}
),

latest as (
    -- G-3: the version with the greatest updated_at wins; ties: the file sorting last
    select base.*
    from base
    where base.record.path_id is not null and base.record.updated_at is not null
    qualify row_number() over (
            partition by base.record.path_id
            order by base.record.updated_at desc, base.source_file desc
        ) = 1
),

final as (
    select
        latest.record.path_id,
        latest.record.path_name,
        latest.record.domain,
        latest.record.rncp_level,
        latest.record.duration_months,
        latest.record.language,
        latest.record.launched_on,
        latest.record.retired_on,
        latest.record.updated_at,
        latest.source_file
    from latest
    -- the record's latest version breaks the contract: it is in the quarantine
    where not latest.is_quarantined
)

select * from final
