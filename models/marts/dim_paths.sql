-- One row per training path, with whether its domain is a Tech domain (M-TEC-1).
with

paths as (
    select * from {{ ref('stg_platform__paths') }}
),

path_domains as (
    select * from {{ ref('path_domains') }}
),

final as (
    select
        paths.path_id,
        paths.path_name,
        paths.domain,
        coalesce(path_domains.is_tech, false) as is_tech,
        paths.rncp_level,
        paths.duration_months,
        paths.language,
        paths.launched_on,
        paths.retired_on
    from paths
    left join path_domains
        on paths.domain = path_domains.domain
)

select * from final
