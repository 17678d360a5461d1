{#- Every raw row of student_profiles/ (append-only), parsed and judged by its contract
    (macro stage_raw_export). The contract reads its qualifications from a seed: -#}
-- depends_on: {{ ref('qualification_levels') }}
{{ stage_raw_export('student_profiles') }}
