{#- Every contract breach of every export, in one relation (RAW_EXPORTS.md "Bad input").
    Empty on a clean delivery. -#}
{%- set exports = [
    'users', 'paths', 'applications', 'enrollments', 'student_profiles', 'addresses',
    'job_outcomes', 'career_outcome_declarations', 'logins',
] -%}

with

{% for export in exports %}
    {{ export }} as (
        select * from {{ ref('stg_platform__' ~ export ~ '_quarantine') }}
    ),

{% endfor %}
unioned as (
    {%- for export in exports %}
        select
            export,
            source_file,
            record_key,
            column_name,
            raw_value,
            reason,
            raw_row_id
        from {{ export }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
)

select * from unioned
