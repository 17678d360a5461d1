{#- Every raw row of career_outcome_declarations/ (append-only), parsed and judged by the rules of
    its contract that need only its own file (macro stage_raw_export), staged once per file
    version. The free-text comment (PII) only yields has_comment.
    The contract reads its outcome types from a seed: -#}
-- depends_on: {{ ref('career_outcome_types') }}
{{ config(materialized=staged_materialization(), staged_export='career_outcome_declarations') }}
{{ stage_raw_export('career_outcome_declarations') }}
