{#- Every contract breach of every export (docs/input-contract.md "Bad input"), one row per
    distinct (file, key, column, value, reason): n_rows counts the raw rows that share it
    (CSV rows carry no row number; identical bad rows are one entry). Empty on a clean
    delivery. The breaches of the logins' own rules are staged by file
    (dq_quarantine_logins); the logins of users absent from users/ are found here on
    every build, from the logins folded by file (int_logins_daily_by_file), and read
    back event by event from the few files that hold them. The contract lists the
    exports; dbt needs their base models named here: -#}
-- depends_on: {{ ref('base_platform__addresses') }}
-- depends_on: {{ ref('base_platform__applications') }}
-- depends_on: {{ ref('base_platform__career_outcome_declarations') }}
-- depends_on: {{ ref('base_platform__enrollments') }}
-- depends_on: {{ ref('base_platform__job_outcomes') }}
-- depends_on: {{ ref('base_platform__paths') }}
-- depends_on: {{ ref('base_platform__student_profiles') }}
-- depends_on: {{ ref('base_platform__users') }}
-- depends_on: {{ ref('int_logins_daily_by_file') }}
{%- set csv_exports = export_relations(file_format='csv') -%}
{#- The login files holding logins of unknown users, found at execution time so that
    only those files are read again (usually none) -#}
{%- set orphan_files = query_values(
    "select distinct daily.source_file from " ~ ref('int_logins_daily_by_file')
    ~ " as daily left join (select distinct record.user_id from "
    ~ ref('base_platform__users') ~ " where record.user_id is not null) as known"
    ~ " on daily.user_id = known.user_id where known.user_id is null"
    ~ " order by daily.source_file"
) %}

with

logins as (
    select * from {{ ref('base_platform__logins') }}
),

login_breaches as (
    select * from {{ ref('dq_quarantine_logins') }}
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

quarantined_events as (
    -- the events already quarantined by their own file's rules
    select distinct
        source_file,
        record_key,
        raw_row_id,
        {{ try_cast('record_key', 'bigint') }} as user_id
    from login_breaches
),

kept_events_of_unknown_users as (
    -- the events that passed their file's rules, in the files that hold unknown users
    select
        logins.source_file,
        logins.record_key,
        logins.raw_row_id,
        logins.user_id
    from logins
    where
        {{ in_list('logins.source_file', orphan_files) }}
        and not logins.is_quarantined
),

events_of_unknown_users as (
    -- referential integrity: logins of users absent from users/
    select
        candidates.source_file,
        candidates.record_key,
        candidates.raw_row_id
    from (
        select * from quarantined_events
        union all
        select * from kept_events_of_unknown_users
    ) as candidates
    left join known_users
        on candidates.user_id = known_users.user_id
    where candidates.user_id is not null and known_users.user_id is null
),

breaches as (
    {%- for export, relation in csv_exports %}
        select
            export,
            source_file,
            record_key,
            column_name,
            raw_value,
            reason,
            raw_row_id
        from ({{ quarantine_rows(export, relation) }}) as {{ export }}_breaches

        union all
    {%- endfor %}

    select
        export,
        source_file,
        record_key,
        column_name,
        raw_value,
        reason,
        raw_row_id
    from login_breaches

    union all

    select
        'logins' as export,
        source_file,
        record_key,
        'user_id' as column_name,
        record_key as raw_value,
        'unknown user_id: no such user in users/ (referential integrity)' as reason,
        raw_row_id
    from events_of_unknown_users
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
