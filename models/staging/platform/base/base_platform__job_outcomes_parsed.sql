{#- Every raw row of job_outcomes/ (append-only), parsed and judged by the rules of its
    contract that need only its own file (macro stage_raw_export), staged once per file
    version. The contract reads its situations from a seed: -#}
-- depends_on: {{ ref('job_situations') }}
{{ config(materialized=staged_materialization(), staged_export='job_outcomes') }}
{{ stage_raw_export('job_outcomes') }}
