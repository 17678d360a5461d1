{#- One row per raw file of every export: rows read from it and rows quarantined. The
    share quarantined_rows / raw_rows per export is what var quarantine_tolerance
    bounds (test quarantine_within_tolerance). -#}
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

logins_quarantine as (
    select * from {{ ref('stg_platform__logins_quarantine') }}
),

logins_files as (
    select
        {{ source_file_name('filename', 'logins') }} as source_file,
        count(*) as raw_rows
    from logins
    group by filename
),

logins_quarantined as (
    select
        source_file,
        count(distinct raw_row_id) as quarantined_rows
    from logins_quarantine
    group by source_file
),

unioned as (
    {%- for export in exports %}
        select
            '{{ export }}' as export,
            source_file,
            count(*) as raw_rows,
            count(*) filter (where is_quarantined) as quarantined_rows
        from {{ export }}
        group by source_file

        union all
    {%- endfor %}

    select
        'logins' as export,
        logins_files.source_file,
        logins_files.raw_rows,
        coalesce(logins_quarantined.quarantined_rows, 0) as quarantined_rows
    from logins_files
    left join logins_quarantined
        on logins_files.source_file = logins_quarantined.source_file
)

select * from unioned
