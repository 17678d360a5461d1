{#- One row per login month from the first month delivered to the later of the last month
    delivered and the month of the report date (G-8): files, raw, quarantined and kept
    rows, and whether the month is required (C-1: every month up to the last month ended
    by the report date) and missing (required, but no event delivered). -#}
{%- set months = raw_files() | selectattr('export', 'equalto', 'logins')
    | selectattr('disposition', 'equalto', 'read') | map(attribute='login_month')
    | unique | sort | list -%}
{%- set spine = [] -%}
{%- if execute and months | length > 0 -%}
    {%- set report = run_query(
        'select max(report_date) from ' ~ ref('int_report_date_resolved')
    ).columns[0].values() -%}
    {%- set report_month = (report[0] | string)[:7] if report | length > 0 and report[0] is not none else months[-1] -%}
    {%- set last = [months[-1], report_month] | max -%}
    {%- set year = months[0][:4] | int -%}
    {%- set month = months[0][5:7] | int -%}
    {%- for offset in range(1200) -%}
        {%- set index = month - 1 + offset -%}
        {%- set label = '%04d-%02d' | format(year + index // 12, index % 12 + 1) -%}
        {%- if label <= last -%}
            {%- do spine.append(label) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}

with

raw_files as (
    select * from {{ ref('dq_raw_files') }}
),

report_date as (
    select * from {{ ref('int_report_date_resolved') }}
),

months as (
    {%- if spine | length == 0 %}
        select cast(null as {{ dbt.type_string() }}) as login_month
        where false
    {%- else %}
        select spine.login_month
        from (
            values
            {%- for label in spine %}
                ({{ sql_literal(label) }}){{ ',' if not loop.last }}
            {%- endfor %}
        ) as spine (login_month)
    {%- endif %}
),

delivered as (
    select
        login_month,
        count(*) as files,
        sum(raw_rows) as raw_rows,
        sum(quarantined_rows) as quarantined_rows,
        sum(kept_rows) as kept_rows
    from raw_files
    where export = 'logins' and disposition = 'read'
    group by login_month
),

last_ended as (
    -- C-1: the last month ended by the report date (2024-07-01 or 2024-06-30: 2024-06)
    select
        {{ dbt.dateadd(
            'month', -1, dbt.date_trunc('month', dbt.dateadd('day', 1, 'report_date'))
        ) }}
            as last_required_month_start
    from report_date
),

final as (
    select
        months.login_month,
        coalesce(delivered.files, 0) as files,
        coalesce(delivered.raw_rows, 0) as raw_rows,
        coalesce(delivered.quarantined_rows, 0) as quarantined_rows,
        coalesce(delivered.kept_rows, 0) as kept_rows,
        cast(months.login_month || '-01' as date) <= last_ended.last_required_month_start
            as is_required,
        cast(months.login_month || '-01' as date) <= last_ended.last_required_month_start
        and coalesce(delivered.raw_rows, 0) = 0 as is_missing
    from months
    cross join last_ended
    left join delivered
        on months.login_month = delivered.login_month
)

select * from final
