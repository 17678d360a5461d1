{#- Every raw row of paths/, parsed and judged by the rules of its contract that need only its own file
    (macro stage_raw_export), staged once per file version.
    The contract reads its domains from a seed, a declared parent: -#}
-- depends_on: {{ ref('path_domains') }}
{{ config(materialized=staged_materialization(), staged_export='paths') }}
{{ stage_raw_export('paths') }}
