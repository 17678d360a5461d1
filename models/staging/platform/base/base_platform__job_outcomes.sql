{#- Every raw row of job_outcomes/ (append-only), parsed and judged
    (see macro stage_raw_export). -#}
{{ stage_raw_export(
    export_name='job_outcomes',
    key='response_id',
    versioned=false,
    columns=[
        {'raw': 'response_id', 'kind': 'id', 'required': true},
        {'raw': 'enrollment_id', 'kind': 'id', 'required': true},
        {'raw': 'user_id', 'kind': 'id', 'required': true},
        {'raw': 'collected_at', 'kind': 'timestamp', 'required': true},
        {'raw': 'situation', 'kind': 'category', 'required': true,
         'values': ['employed', 'self_employed', 'business_creation', 'apprenticeship',
                    'internship', 'further_training', 'job_seeking', 'inactive', 'no_answer']},
        {'raw': 'contract_type', 'kind': 'category',
         'values': ['permanent', 'fixed_term', 'temporary', 'freelance']},
        {'raw': 'job_started_on', 'kind': 'date'},
        {'raw': 'related_to_path', 'name': 'is_related_to_path', 'kind': 'boolean'},
    ],
) }}
