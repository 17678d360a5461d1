{#- Every raw row of job_outcomes/ (append-only), parsed and judged by its contract
    (macro stage_raw_export). The contract reads its situations from a seed: -#}
-- depends_on: {{ ref('job_situations') }}
{{ stage_raw_export('job_outcomes') }}
