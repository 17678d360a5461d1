{#- Every login event of logins/ (typed Parquet), parsed and judged by its contract, with
    its file's version (SHA-256, base_platform__raw_files). Every rule here needs only the
    event's own file. A VIEW: the big export (~73M rows at scale 1.0) is not copied; the
    models staged by file read it one file at a time (int_logins_daily_by_file through
    stg_platform__logins, dq_quarantine_logins). Parsed columns stay flat (no struct to
    build per event); raw text and issues are structs like the CSV base models'. -#}
{{ config(materialized='view') }}
-- depends_on: {{ ref('countries') }}
-- depends_on: {{ ref('pseudo_country_codes') }}
{{ check_raw_export('logins') }}
{%- set columns = {} -%}
{%- for column in export_contract('logins').columns -%}
    {%- do columns.update({column.name: column}) -%}
{%- endfor -%}
{%- set platforms = contract_values(columns['platform']) if 'platform' in columns else [] -%}
{%- set ip_codes = contract_values(columns['ip_country_code'])
    if 'ip_country_code' in columns else [] %}

with

source as (
    select * from {{ source('platform', 'logins') }}
),

raw_files as (
    select * from {{ ref('base_platform__raw_files') }}
),

file_versions as (
    select
        raw_files.file_name,
        raw_files.sha256
    from raw_files
    where raw_files.export = 'logins' and raw_files.disposition = 'read'
),

known_ip_codes as (
    -- the contract's closed list as a relation: one hash join, not a comparison with each
    -- of its ~250 codes per event
    {%- if ip_codes | length == 0 %}
        select cast(null as {{ dbt.type_string() }}) as ip_country_code
        where false
    {%- else %}
        select known.ip_country_code
        from (
            values
            {%- for code in ip_codes %}
                ({{ sql_literal(code) }}){{ ',' if not loop.last }}
            {%- endfor %}
        ) as known (ip_country_code)
    {%- endif %}
),

typed as (
    select
        {{ source_file_name('filename') }} as source_file,
        regexp_extract(filename, 'month=([0-9]{4}-[0-9]{2})/[^/]+$', 1) as login_month,
        file_row_number as raw_row_id,
        -- as read; the raw text of typed columns is made only for the rows that show it
        user_id as user_id__source,
        logged_in_at as logged_in_at__source,
        cast(ip_country_code as {{ dbt.type_string() }}) as ip_country_code__raw,
        cast(platform as {{ dbt.type_string() }}) as platform__raw,
        -- typed Parquet columns (check_raw_export refuses text timestamps)
        {{ try_cast('user_id', 'bigint') }} as user_id,
        {{ try_cast('logged_in_at', 'timestamp') }} as logged_in_at,
        nullif(upper({{ trim_spaces('ip_country_code') }}), '') as ip_country_code,
        {{ parse_category(clean_text('platform'), platforms) }} as platform
    from source
),

checked as (
    select
        typed.*,
        case when typed.user_id is null then 'missing required value' end as user_id__issue,
        case
            when typed.logged_in_at is null then 'missing required value'
            -- C-2: the files of month=YYYY-MM hold that UTC month's events
            when {{ dbt.date_trunc('month', 'typed.logged_in_at') }}
                <> cast(typed.login_month || '-01' as date)
                then 'outside its folder month=' || typed.login_month || ' (C-2)'
        end as logged_in_at__issue,
        case
            when typed.ip_country_code is not null and known_ip_codes.ip_country_code is null
                then 'unknown code'
        end as ip_country_code__issue,
        case
            when typed.platform__raw is null or {{ trim_spaces('typed.platform__raw') }} = ''
                then 'missing required value'
            when typed.platform is null then 'unknown category'
        end as platform__issue
    from typed
    left join known_ip_codes
        on typed.ip_country_code = known_ip_codes.ip_country_code
),

final as (
    select
        checked.source_file,
        file_versions.sha256 as source_sha256,
        checked.login_month,
        checked.raw_row_id,
        cast(checked.user_id__source as {{ dbt.type_string() }}) as record_key,
        checked.user_id,
        checked.logged_in_at,
        checked.ip_country_code,
        checked.platform,
        {{ make_struct([
            ['user_id', 'cast(checked.user_id__source as ' ~ dbt.type_string() ~ ')'],
            ['logged_in_at', 'cast(checked.logged_in_at__source as ' ~ dbt.type_string() ~ ')'],
            ['ip_country_code', 'checked.ip_country_code__raw'],
            ['platform', 'checked.platform__raw'],
        ]) }} as raw,
        {{ make_struct([
            ['user_id', 'checked.user_id__issue'],
            ['logged_in_at', 'checked.logged_in_at__issue'],
            ['ip_country_code', 'checked.ip_country_code__issue'],
            ['platform', 'checked.platform__issue'],
        ]) }} as issue,
        coalesce(
            checked.user_id__issue,
            checked.logged_in_at__issue,
            checked.ip_country_code__issue,
            checked.platform__issue
        ) is not null as is_quarantined
    from checked
    left join file_versions
        on checked.source_file = file_versions.file_name
)

select * from final
