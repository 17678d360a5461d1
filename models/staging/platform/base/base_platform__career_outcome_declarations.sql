{#- Every raw row of career_outcome_declarations/ (append-only), parsed and judged
    (see macro stage_raw_export). The free-text comment (PII) only yields has_comment. -#}
{{ stage_raw_export(
    export_name='career_outcome_declarations',
    key='declaration_id',
    versioned=false,
    columns=[
        {'raw': 'declaration_id', 'kind': 'id', 'required': true},
        {'raw': 'user_id', 'kind': 'id', 'required': true},
        {'raw': 'declared_at', 'kind': 'timestamp', 'required': true},
        {'raw': 'outcome_type', 'kind': 'category', 'required': true,
         'values': ['new_job', 'new_internship', 'new_apprenticeship', 'business_creation',
                    'promotion', 'salary_increase', 'internal_mobility', 'other']},
        {'raw': 'credits_openclassrooms', 'name': 'has_credited_openclassrooms',
         'kind': 'boolean'},
        {'raw': 'channel', 'kind': 'category', 'required': true,
         'values': ['survey', 'profile', 'support']},
        {'raw': 'comment', 'name': 'has_comment', 'kind': 'presence'},
    ],
) }}
