{#- Every raw row of student_profiles/ (append-only), parsed and judged
    (see macro stage_raw_export). -#}
{%- set answers = ['yes', 'no', 'undisclosed'] -%}
{{ stage_raw_export(
    export_name='student_profiles',
    key='profile_id',
    versioned=false,
    columns=[
        {'raw': 'profile_id', 'kind': 'id', 'required': true},
        {'raw': 'user_id', 'kind': 'id', 'required': true},
        {'raw': 'enrollment_id', 'kind': 'id', 'required': true},
        {'raw': 'collected_at', 'kind': 'timestamp', 'required': true},
        {'raw': 'employment_status', 'kind': 'category',
         'values': ['unemployed', 'employed', 'self_employed', 'student', 'inactive',
                    'undisclosed']},
        {'raw': 'highest_qualification', 'kind': 'category',
         'values': ['none', 'cap_bep', 'bac', 'bac+2', 'bac+3', 'bac+4', 'bac+5', 'doctorate',
                    'undisclosed']},
        {'raw': 'has_disability', 'name': 'disability_answer', 'kind': 'category',
         'values': answers},
        {'raw': 'is_refugee', 'name': 'refugee_answer', 'kind': 'category', 'values': answers},
    ],
) }}
