-- M-TEC-1: the Tech paths are exactly the domains Cybersecurity, Data, Design,
-- Development, Project Management, Supply Chain, and System and Network. Rows
-- returned are domains flagged Tech but not in the list, or listed but not flagged.
with

path_domains as (
    select * from {{ ref('path_domains') }}
),

methodology_tech_domains as (
    select 'Cybersecurity' as domain
    union all
    select 'Data' as domain
    union all
    select 'Design' as domain
    union all
    select 'Development' as domain
    union all
    select 'Project Management' as domain
    union all
    select 'Supply Chain' as domain
    union all
    select 'System and Network' as domain
),

flagged as (
    select domain
    from path_domains
    where is_tech
)

select
    coalesce(flagged.domain, methodology_tech_domains.domain) as domain,
    case
        when flagged.domain is null then 'listed in M-TEC-1 but not flagged'
        else 'flagged but not in M-TEC-1'
    end as violation
from flagged
full outer join methodology_tech_domains
    on flagged.domain = methodology_tech_domains.domain
where flagged.domain is null or methodology_tech_domains.domain is null
