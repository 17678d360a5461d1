{#- One row per export of the contract: its files, rows, latest date and how far it lies
    behind the report date (C-4 freshness: more than var freshness_max_days behind warns,
    naming the export). A CSV export's latest date is the export date of its newest file;
    the logins' is the Paris date of the latest event in the Parquet statistics. -#}
{%- set exports = export_names() -%}
{%- set login_files = raw_files() | selectattr('export', 'equalto', 'logins')
    | selectattr('disposition', 'equalto', 'read') | map(attribute='path') | list %}

with

raw_files as (
    select * from {{ ref('dq_raw_files') }}
),

report_date as (
    select * from {{ ref('int_report_date_resolved') }}
),

exports as (
    {%- if exports | length == 0 %}
        select cast(null as {{ dbt.type_string() }}) as export
        where false
    {%- else %}
        select contract.export
        from (
            values
            {%- for export in exports %}
                ({{ sql_literal(export) }}){{ ',' if not loop.last }}
            {%- endfor %}
        ) as contract (export)
    {%- endif %}
),

delivered as (
    select
        export,
        count(*) as files_read,
        min(export_date) as first_export_date,
        max(export_date) as last_export_date,
        sum(raw_rows) as raw_rows,
        sum(quarantined_rows) as quarantined_rows,
        sum(kept_rows) as kept_rows
    from raw_files
    where disposition = 'read'
    group by export
),

login_facts as (
    {{ parquet_file_facts(login_files, 'logged_in_at') }}
),

latest_login as (
    select {{ paris_date('max(latest_at)') }} as latest_on
    from login_facts
),

measured as (
    select
        exports.export,
        coalesce(delivered.files_read, 0) as files_read,
        delivered.first_export_date,
        delivered.last_export_date,
        coalesce(delivered.last_export_date, latest_login.latest_on) as latest_on,
        delivered.raw_rows,
        delivered.quarantined_rows,
        delivered.kept_rows,
        report_date.report_date,
        {{ dbt.datediff(
            'coalesce(delivered.last_export_date, latest_login.latest_on)',
            'report_date.report_date',
            'day',
        ) }} as days_behind
    from exports
    cross join report_date
    cross join latest_login
    left join delivered
        on exports.export = delivered.export
),

final as (
    select
        *,
        coalesce(days_behind > {{ var('freshness_max_days', 45) }}, false) as is_stale
    from measured
)

select * from final
