{#- One row per contract breach in career_outcome_declarations/: export, file, key,
    column, raw value, reason. -#}
{{ quarantine_rows(
    'career_outcome_declarations',
    ref('base_platform__career_outcome_declarations'),
    'declaration_id',
) }}
