-- G-12: every approval in restatements.csv names a figure that an edition froze (a typo
-- would approve nothing while the real restatement stays unapproved).
{%- set failures %}
select
    approvals.source_file,
    approvals.edition,
    approvals.indicator,
    approvals.year,
    approvals.segment,
    approvals.dimension,
    approvals.group_name
from {{ ref('stg_editions__restatement_approvals') }} as approvals
left join {{ ref('stg_editions__figures') }} as frozen_figures
    on
        approvals.edition = frozen_figures.edition
        and approvals.indicator = frozen_figures.indicator
        and approvals.year = frozen_figures.year
        and approvals.segment = frozen_figures.segment
        and approvals.dimension is not distinct from frozen_figures.dimension
        and approvals.group_name is not distinct from frozen_figures.group_name
where approvals.issue is null and frozen_figures.edition is null
{%- endset %}
{{ name_failures(
    failures, 'G-12 approvals in restatements.csv that name no frozen figure of their edition'
) }}

{{ failures }}
