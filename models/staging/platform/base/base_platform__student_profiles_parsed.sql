{#- Every raw row of student_profiles/ (append-only), parsed and judged by the rules of its
    contract that need only its own file (macro stage_raw_export), staged once per file
    version. The contract reads its qualifications from a seed: -#}
-- depends_on: {{ ref('qualification_levels') }}
{{ config(materialized=staged_materialization(), staged_export='student_profiles') }}
{{ stage_raw_export('student_profiles') }}
