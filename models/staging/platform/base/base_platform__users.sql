{#- Every raw row of users/, parsed and judged (see macro stage_raw_export). -#}
{{ stage_raw_export(
    export_name='users',
    key='user_id',
    versioned=true,
    columns=[
        {'raw': 'user_id', 'kind': 'id', 'required': true},
        {'raw': 'created_at', 'kind': 'timestamp', 'required': true},
        {'raw': 'updated_at', 'kind': 'timestamp', 'required': true},
        {'raw': 'gender', 'kind': 'category',
         'values': ['female', 'male', 'non_binary', 'undisclosed']},
        {'raw': 'is_test_account', 'kind': 'boolean'},
        {'raw': 'deleted_at', 'kind': 'timestamp'},
    ],
) }}
