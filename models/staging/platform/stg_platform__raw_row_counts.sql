{#- One row per raw file of every export: how many rows were read from it. The
    denominator of the quarantine share (var quarantine_tolerance). -#}
{%- set exports = [
    'users', 'paths', 'applications', 'enrollments', 'student_profiles', 'addresses',
    'job_outcomes', 'career_outcome_declarations',
] -%}

with

{% for export in exports %}
    {{ export }} as (
        select * from {{ ref('base_platform__' ~ export) }}
    ),

{% endfor %}
logins as (
    select * from {{ source('platform', 'logins') }}
),

unioned as (
    {%- for export in exports %}
        select
            '{{ export }}' as export,
            source_file,
            count(*) as raw_rows
        from {{ export }}
        group by source_file

        union all
    {%- endfor %}

    select
        'logins' as export,
        {{ source_file_name('filename', 'logins') }} as source_file,
        count(*) as raw_rows
    from logins
    group by filename
)

select * from unioned
