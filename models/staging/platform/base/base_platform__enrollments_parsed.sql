{#- Every raw row of enrollments/, parsed and judged by the rules of its contract that need only its own file
    (macro stage_raw_export), staged once per file version. -#}
{{ config(materialized=staged_materialization(), staged_export='enrollments') }}
{{ stage_raw_export('enrollments') }}
