{% macro stage_raw_export(export_name, key, columns, versioned, checks=[]) -%}
    {#- The body of a base staging model: one row per raw row of a CSV export with, for
        every contract column, its trimmed raw text (`<raw>__raw`), its parsed value
        (`<name>`) and why it breaks the contract (`<raw>__issue`, NULL when it does not),
        plus `is_quarantined`. The stg_ model keeps the clean rows, the quarantine model
        lists the issues: a value is parsed and judged in exactly one place.

        columns: list of {raw, name (default raw), kind, required (default false), values}
          kind: id | integer | date | timestamp | boolean | category | code | text | presence
        checks: list of {column (raw name blamed), reason, when (SQL over parsed columns)}
          for contradictions between columns.
        versioned: G-3 export (updated_at) or append-only (a repeated id is an exact copy).
    -#}
    {%- set reasons = {
        'id': 'not a positive integer',
        'integer': 'not an integer',
        'date': 'not a YYYY-MM-DD date',
        'timestamp': 'not an ISO 8601 timestamp with UTC offset',
        'boolean': 'not a boolean (true/false, 1/0, yes/no)',
        'category': 'unknown category',
    } -%}
    {%- set required_columns = columns | map(attribute='raw') | list -%}
    {{ check_raw_export(export_name, required_columns) }}

with

source as (
    select * from {{ source('platform', export_name) }}
),

cleaned as (
    -- trimmed raw text, empty as NULL: what the quarantine shows
    select
        {{ source_file_name('filename', export_name) }} as source_file,
    {%- for column in columns %}
        {%- if column.kind == 'presence' %}
        -- free text (PII) is not kept: only whether there was any
        case when {{ clean_text(column.raw) }} is not null then 'present' end
        {%- else %}
            {{ clean_text(column.raw) }}
        {%- endif %} as {{ column.raw }}__raw{{ ',' if not loop.last }}
    {%- endfor %}
    from source
),

parsed as (
    select
        *,
    {%- for column in columns %}
        {%- set raw = column.raw ~ '__raw' %}
        {%- set kind = column.kind %}
        {%- if kind == 'id' %}
        {{ parse_id(raw) }}
        {%- elif kind == 'integer' %}
        {{ parse_integer(raw) }}
        {%- elif kind == 'date' %}
        {{ parse_date(raw) }}
        {%- elif kind == 'timestamp' %}
        {{ parse_timestamp_utc(raw) }}
        {%- elif kind == 'boolean' %}
        {{ parse_boolean(raw) }}
        {%- elif kind == 'category' %}
        {{ parse_category(raw, column['values']) }}
        {%- elif kind == 'code' %}
        upper({{ raw }})
        {%- elif kind == 'presence' %}
        ({{ raw }} is not null)
        {%- else %}
            {{ raw }}
        {%- endif %} as {{ column.name or column.raw }}{{ ',' if not loop.last }}
    {%- endfor %}
    from cleaned
),

    {%- set version_columns = [key, 'updated_at', 'source_file'] if versioned else [key] %}
fingerprinted as (
    -- the parsed record, to tell an exact copy from a contradiction
    select
    {%- for name in version_columns %}
        {{ name }},
    {%- endfor %}
        concat_ws(
            '|',
    {%- for column in columns %}
            coalesce(cast({{ column.name or column.raw }} as {{ dbt.type_string() }}), '<null>'){{ ',' if not loop.last }}
    {%- endfor %}
        ) as record_fingerprint
    from parsed
    where {{ key }} is not null
),

contradicted_keys as (
    -- versions that should be identical but are not (an aggregate, cheaper than a window)
    select
    {%- for name in version_columns %}
        {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
    from fingerprinted
    group by
    {%- for name in version_columns %}
        {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
    having min(record_fingerprint) <> max(record_fingerprint)
),

flagged as (
    select
        parsed.*,
        contradicted_keys.{{ key }} is not null as is_contradicted
    from parsed
    left join contradicted_keys
        on
    {%- for name in version_columns %}
        {{ 'and ' if not loop.first }}parsed.{{ name }} = contradicted_keys.{{ name }}
    {%- endfor %}
),

checked as (
    select
        *,
    {%- for column in columns %}
        {%- set name = column.name or column.raw %}
        {%- set column_checks = checks | selectattr('column', 'equalto', column.raw) | list %}
        coalesce(
        {%- if column.kind in reasons %}
            {{ quarantine_reason(column.raw ~ '__raw', name, reasons[column.kind], column.required or false) }},
            {%- elif column.required %}
            case when {{ column.raw }}__raw is null then 'missing required value' end,
        {%- endif %}
        {%- for check in column_checks %}
            case when {{ check.when }} then '{{ check.reason }}' end,
        {%- endfor %}
        {%- if column.raw == key and versioned %}
            -- G-3 cannot choose between two different versions of one file and updated_at
            case
                when is_contradicted
                    then 'contradiction: different versions with the same updated_at in one file'
            end,
            {%- elif column.raw == key %}
            -- G-3: append-only, a repeated id must be an exact copy
            case
                when is_contradicted then 'contradiction: repeated id with different values'
            end,
        {%- endif %}
            cast(null as {{ dbt.type_string() }})
        ) as {{ column.raw }}__issue{{ ',' if not loop.last }}
    {%- endfor %}
    from flagged
),

final as (
    select
        *,
        coalesce(
    {%- for column in columns %}
        {{ column.raw }}__issue{{ ',' if not loop.last }}
    {%- endfor %}
        ) is not null as is_quarantined
    from checked
)

select * from final
{%- endmacro %}
