{% macro stage_raw_export(export_name) -%}
    {#- The body of a base staging model of a CSV export, entirely from its contract
        (export_contract): one row per raw row with
          source_file, export_date   the file and the export date in its name
          record_key                 the raw primary key
          record   struct: every column staging reads, parsed, under its staging name
          raw      struct: the same columns as trimmed raw text (what the quarantine shows)
          issue    struct: why each column breaks the contract (NULL when it does not)
          notice   struct: what the contract flags but keeps (named by a warning test)
          is_quarantined
        A value is parsed and judged here and nowhere else; stg_ models keep the clean
        rows, data_quality models list the breaches. -#}
    {%- if not execute -%}
        {{ return('select * from ' ~ source('platform', export_name)) }}
    {%- endif -%}
    {%- set contract = export_contract(export_name) -%}
    {{ check_raw_export(export_name) }}
    {%- set reasons = {
        'id': 'not a positive integer',
        'integer': 'not an integer',
        'date': 'not a YYYY-MM-DD date',
        'timestamp': 'not an ISO 8601 timestamp with UTC offset',
        'boolean': 'not a boolean (true/false, 1/0, yes/no)',
        'category': 'unknown category',
    } -%}
    {%- set columns = contract.read_columns -%}
    {%- set key = contract.key -%}
    {%- set record = [] -%}
    {%- set raw = [] -%}
    {%- set issue = [] -%}
    {%- set notices = [] -%}
    {%- for column in columns -%}
        {%- do record.append([column.staged_as, column.staged_as]) -%}
        {%- do raw.append([column.name, column.name ~ '__raw']) -%}
        {%- do issue.append([column.name, column.name ~ '__issue']) -%}
        {%- if column.known_values_from | length > 0 -%}
            {%- do notices.append([column.name, "case when " ~ column.staged_as
                ~ " is not null and not "
                ~ in_list(column.staged_as, seed_values(column.known_values_from))
                ~ " then " ~ sql_literal('not in the reference list '
                    ~ column.known_values_from | map(attribute='seed') | join(', ')
                    ~ ': kept, read as unknown') ~ " end"]) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if notices | length == 0 -%}
        {%- do notices.append(['none', 'cast(null as ' ~ dbt.type_string() ~ ')']) -%}
    {%- endif -%}
with

source as (
    select * from {{ source('platform', export_name) }}
),

cleaned as (
    -- trimmed raw text, empty as NULL: what the quarantine shows
    select
        {{ source_file_name('filename') }} as source_file,
    {%- for column in columns %}
        {%- if column.staging == 'presence' %}
        -- free text (PII) is not kept: only whether there was any
        case when {{ clean_text(column.name) }} is not null then 'present' end
        {%- else %}
            {{ clean_text(column.name) }}
        {%- endif %} as {{ column.name }}__raw{{ ',' if not loop.last }}
    {%- endfor %}
    from source
),

parsed as (
    select
        *,
        cast(regexp_extract(source_file, '([0-9]{4}-[0-9]{2}-[0-9]{2})[.]csv$', 1) as date)
            as export_date,
    {%- for column in columns %}
        {%- set raw = column.name ~ '__raw' %}
        {%- if column.staging == 'presence' %}
        ({{ raw }} is not null)
        {%- elif column.kind == 'id' %}
        {{ parse_id(raw) }}
        {%- elif column.kind == 'integer' %}
        {{ parse_integer(raw) }}
        {%- elif column.kind == 'date' %}
        {{ parse_date(raw) }}
        {%- elif column.kind == 'timestamp' %}
        {{ parse_timestamp_utc(raw) }}
        {%- elif column.kind == 'boolean' %}
        {{ parse_boolean(raw) }}
        {%- elif column.kind == 'category' %}
        {{ parse_category(raw, contract_values(column)) }}
        {%- elif column.kind == 'code' %}
        upper({{ raw }})
        {%- else %}
            {{ raw }}
        {%- endif %} as {{ column.staged_as }}{{ ',' if not loop.last }}
    {%- endfor %}
    from cleaned
),

dated as (
    -- the Paris date of every timestamp, once (G-1), for the export-date check
    select
        *
    {%- for column in columns if column.kind == 'timestamp' %},
        {{ paris_date(column.staged_as) }} as {{ column.staged_as }}__on
    {%- endfor %}
    from parsed
),

    {%- set version_columns = [key, 'updated_at', 'source_file'] if contract.versioned else [key] %}
fingerprinted as (
    -- the parsed record, to tell an exact copy from a contradiction
    select
    {%- for name in version_columns %}
        {{ name }},
    {%- endfor %}
        concat_ws(
            '|',
    {%- for column in columns %}
            coalesce(cast({{ column.staged_as }} as {{ dbt.type_string() }}), '<null>'){{ ',' if not loop.last }}
    {%- endfor %}
        ) as record_fingerprint
    from dated
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
        dated.*,
        contradicted_keys.{{ key }} is not null as is_contradicted
    from dated
    left join contradicted_keys
        on
    {%- for name in version_columns %}
        {{ 'and ' if not loop.first }}dated.{{ name }} = contradicted_keys.{{ name }}
    {%- endfor %}
),

checked as (
    select
        *,
    {%- for column in columns %}
        {%- set raw = column.name ~ '__raw' %}
        {%- set name = column.staged_as %}
        {%- set column_checks = contract.checks | selectattr('column', 'equalto', column.name) | list %}
        coalesce(
        {%- if column.required %}
            case when {{ raw }} is null then 'missing required value' end,
        {%- endif %}
        {%- if column.kind == 'timestamp' %}
            case
                when
                    {{ raw }} is not null and {{ name }} is null
                    and {{ regex_full_match(raw, timestamp_with_offset_pattern(any_offset=true)) }}
                    and not {{ regex_full_match(raw, timestamp_with_offset_pattern()) }}
                    then 'UTC offset outside -14:00..+14:00'
            end,
        {%- endif %}
        {%- if column.kind in reasons and column.staging != 'presence' %}
            case when {{ raw }} is not null and {{ name }} is null then {{ sql_literal(reasons[column.kind]) }} end,
        {%- endif %}
        {%- if column.kind == 'timestamp' %}
            -- a file cannot hold what happened after it was exported (and G-8: such a
            -- timestamp would move the report date)
            case
                when {{ name }}__on > export_date
                    then 'after the export date of its file ('
                    || cast(export_date as {{ dbt.type_string() }}) || ')'
            end,
        {%- endif %}
        {%- if column.kind == 'code' and column.format %}
            case
                when {{ name }} is not null and not {{ regex_full_match(name, column.format) }}
                    then {{ sql_literal('does not match the contract format ' ~ column.format) }}
            end,
        {%- endif %}
        {%- if column.kind == 'code' and (column['values'] is not none or column.values_from | length > 0) %}
            case when {{ name }} is not null and not {{ in_list(name, contract_values(column)) }} then 'unknown code' end,
        {%- endif %}
        {%- for check in column_checks %}
            case when {{ check.when }} then {{ sql_literal(check.reason) }} end,
        {%- endfor %}
        {%- if column.name == key and contract.versioned %}
            -- G-3 cannot choose between two different versions of one file and updated_at
            case
                when is_contradicted
                    then 'contradiction: different versions with the same updated_at in one file'
            end,
        {%- elif column.name == key %}
            -- G-3: append-only, a repeated id must be an exact copy
            case
                when is_contradicted then 'contradiction: repeated id with different values'
            end,
        {%- endif %}
            cast(null as {{ dbt.type_string() }})
        ) as {{ column.name }}__issue{{ ',' if not loop.last }}
    {%- endfor %}
    from flagged
),

final as (
    select
        source_file,
        export_date,
        {{ key }}__raw as record_key,
        {{ make_struct(record) }} as record,
        {{ make_struct(raw) }} as raw,
        {{ make_struct(issue) }} as issue,
        {{ make_struct(notices) }} as notice,
        coalesce(
    {%- for column in columns %}
        {{ column.name }}__issue{{ ',' if not loop.last }}
    {%- endfor %}
        ) is not null as is_quarantined
    from checked
)

select * from final
{%- endmacro %}
