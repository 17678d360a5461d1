{#- Every raw row of career_outcome_declarations/ (append-only), parsed and judged by its
    contract (macro stage_raw_export). The free-text comment (PII) only yields has_comment.
    The contract reads its outcome types from a seed: -#}
-- depends_on: {{ ref('career_outcome_types') }}
{{ stage_raw_export('career_outcome_declarations') }}
