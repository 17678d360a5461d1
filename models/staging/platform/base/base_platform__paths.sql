{#- Every raw row of paths/, parsed and judged (see macro stage_raw_export). -#}
{{ stage_raw_export(
    export_name='paths',
    key='path_id',
    versioned=true,
    columns=[
        {'raw': 'path_id', 'kind': 'code', 'required': true},
        {'raw': 'path_name', 'kind': 'text'},
        {'raw': 'domain', 'kind': 'category', 'required': true,
         'values': ['Cybersecurity', 'Data', 'Design', 'Development', 'Project Management',
                    'Supply Chain', 'System and Network', 'Marketing and Communication',
                    'Human Resources', 'Business and Management', 'Health and Social Care',
                    'Education and Training', 'Sales']},
        {'raw': 'rncp_level', 'kind': 'integer'},
        {'raw': 'duration_months', 'kind': 'integer', 'required': true},
        {'raw': 'language', 'kind': 'category', 'required': true, 'values': ['fr', 'en']},
        {'raw': 'launched_on', 'kind': 'date', 'required': true},
        {'raw': 'retired_on', 'kind': 'date'},
        {'raw': 'updated_at', 'kind': 'timestamp', 'required': true},
    ],
    checks=[
        {'column': 'rncp_level', 'reason': 'out of range: rncp_level must be 3 to 7',
         'when': 'rncp_level not between 3 and 7'},
        {'column': 'duration_months', 'reason': 'out of range: duration_months must be positive',
         'when': 'duration_months <= 0'},
    ],
) }}
