{#- Every raw row of enrollments/, parsed and judged (see macro stage_raw_export). -#}
{{ stage_raw_export(
    export_name='enrollments',
    key='enrollment_id',
    versioned=true,
    columns=[
        {'raw': 'enrollment_id', 'kind': 'id', 'required': true},
        {'raw': 'user_id', 'kind': 'id', 'required': true},
        {'raw': 'path_id', 'kind': 'code', 'required': true},
        {'raw': 'application_id', 'kind': 'id'},
        {'raw': 'funding_type', 'kind': 'category', 'required': true,
         'values': ['self_funded', 'employer', 'public', 'apprenticeship']},
        {'raw': 'status', 'kind': 'category', 'required': true,
         'values': ['active', 'graduated', 'dropped_out', 'cancelled']},
        {'raw': 'started_on', 'kind': 'date', 'required': true},
        {'raw': 'expected_end_on', 'kind': 'date', 'required': true},
        {'raw': 'ended_on', 'kind': 'date'},
        {'raw': 'graduated_on', 'kind': 'date'},
        {'raw': 'updated_at', 'kind': 'timestamp', 'required': true},
    ],
    checks=[
        {'column': 'graduated_on',
         'reason': 'contradiction: graduated_on set on a non-graduated enrolment',
         'when': "graduated_on is not null and status <> 'graduated'"},
        {'column': 'ended_on', 'reason': 'contradiction: ended_on before started_on',
         'when': 'ended_on < started_on'},
    ],
) }}
