with

base as (
    select * from {{ ref('base_platform__paths') }}
),

latest as (
    -- G-3: the version with the greatest updated_at wins; ties: the file sorting last
    select *
    from base
    where record.path_id is not null and record.updated_at is not null
    qualify row_number() over (
            partition by record.path_id
            order by record.updated_at desc, source_file desc
        ) = 1
),

final as (
    select
        record.path_id as path_id,
        record.path_name as path_name,
        record.domain as domain,
        record.rncp_level as rncp_level,
        record.duration_months as duration_months,
        record.language as language,
        record.launched_on as launched_on,
        record.retired_on as retired_on,
        record.updated_at as updated_at,
        source_file
    from latest
    -- the record's latest version breaks the contract: it is in the quarantine
    where not is_quarantined
)

select * from final
