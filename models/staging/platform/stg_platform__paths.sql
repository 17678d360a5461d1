with

base as (
    select * from {{ ref('base_platform__paths') }}
),

latest as (
    -- G-3: the version with the greatest updated_at wins; ties: the file sorting last
    select *
    from base
    where path_id is not null and updated_at is not null
    qualify row_number() over (
            partition by path_id
            order by updated_at desc, source_file desc
        ) = 1
),

final as (
    select
        path_id,
        path_name,
        domain,
        rncp_level,
        duration_months,
        language,
        launched_on,
        retired_on,
        updated_at,
        source_file
    from latest
    where not is_quarantined
)

select * from final
