{#- Every raw row of applications/, parsed and judged (see macro stage_raw_export). -#}
{{ stage_raw_export(
    export_name='applications',
    key='application_id',
    versioned=true,
    columns=[
        {'raw': 'application_id', 'kind': 'id', 'required': true},
        {'raw': 'user_id', 'kind': 'id', 'required': true},
        {'raw': 'path_id', 'kind': 'code', 'required': true},
        {'raw': 'submitted_at', 'kind': 'timestamp', 'required': true},
        {'raw': 'status', 'kind': 'category', 'required': true,
         'values': ['submitted', 'under_review', 'admitted', 'rejected', 'withdrawn']},
        {'raw': 'decided_at', 'kind': 'timestamp'},
        {'raw': 'funding_requested', 'kind': 'category',
         'values': ['self_funded', 'employer', 'public', 'apprenticeship']},
        {'raw': 'updated_at', 'kind': 'timestamp', 'required': true},
    ],
) }}
