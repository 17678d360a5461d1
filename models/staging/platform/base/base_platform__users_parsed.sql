{#- Every raw row of users/, parsed and judged by the rules of its contract that need only its own file
    (macro stage_raw_export), staged once per file version. -#}
{{ config(materialized=staged_materialization(), staged_export='users') }}
{{ stage_raw_export('users') }}
