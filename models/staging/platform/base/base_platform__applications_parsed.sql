{#- Every raw row of applications/, parsed and judged by the rules of its contract that need only its own file
    (macro stage_raw_export), staged once per file version. -#}
{{ config(materialized=staged_materialization(), staged_export='applications') }}
{{ stage_raw_export('applications') }}
