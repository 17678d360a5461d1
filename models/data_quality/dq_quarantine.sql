{#- Every contract breach of every export (RAW_EXPORTS.md "Bad input"), one row per
    distinct (file, key, column, value, reason): n_rows counts the raw rows that share it
    (CSV rows carry no row number; identical bad rows are one entry). Empty on a clean
    delivery. The contract lists the exports; dbt needs their base models named here: -#}
-- depends_on: {{ ref('base_platform__addresses') }}
-- depends_on: {{ ref('base_platform__applications') }}
-- depends_on: {{ ref('base_platform__career_outcome_declarations') }}
-- depends_on: {{ ref('base_platform__enrollments') }}
-- depends_on: {{ ref('base_platform__job_outcomes') }}
-- depends_on: {{ ref('base_platform__paths') }}
-- depends_on: {{ ref('base_platform__student_profiles') }}
-- depends_on: {{ ref('base_platform__users') }}
{%- set csv_exports = export_relations(file_format='csv') %}

with

logins as (
    select * from {{ ref('base_platform__logins') }}
),

users as (
    select * from {{ ref('base_platform__users') }}
),

known_users as (
    -- every user_id the users export holds, quarantined versions included
    select distinct record.user_id
    from users
    where record.user_id is not null
),

logins_checked as (
    -- the one pass over the big export for its checks: contract breaches and logins of
    -- users absent from users/ (referential integrity, cheaply: in the same scan)
    select
        logins.*,
        logins.user_id is not null and known_users.user_id is null as is_orphan
    from logins
    left join known_users
        on logins.user_id = known_users.user_id
    where logins.is_quarantined or known_users.user_id is null
),

breaches as (
    {%- for export, relation in csv_exports %}
        {{ quarantine_rows(export, relation) }}

        union all
    {%- endfor %}

    {{ quarantine_rows('logins', 'logins_checked') }}

    union all

    select
        'logins' as export,
        source_file,
        record_key,
        'user_id' as column_name,
        raw.user_id as raw_value,
        'unknown user_id: no such user in users/ (referential integrity)' as reason,
        raw_row_id
    from logins_checked
    where is_orphan
),

final as (
    select
        export,
        source_file,
        record_key,
        column_name,
        raw_value,
        reason,
        raw_row_id,
        count(*) as n_rows
    from breaches
    group by
        export,
        source_file,
        record_key,
        column_name,
        raw_value,
        reason,
        raw_row_id
)

select * from final
