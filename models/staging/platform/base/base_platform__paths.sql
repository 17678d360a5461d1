{#- Every raw row of paths/, parsed and judged by its contract (macro stage_raw_export).
    The contract reads its domains from a seed, a declared parent: -#}
-- depends_on: {{ ref('path_domains') }}
{{ stage_raw_export('paths') }}
