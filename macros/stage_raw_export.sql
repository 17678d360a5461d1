{% macro stage_raw_export(export_name) -%}
    {#- The body of a model staged by file (base_platform__<export>_parsed) of a CSV export,
        entirely from its contract (export_contract): one row per raw row with
          source_file, source_sha256  the file, relative to the export folder, and the
                                      version of it (SHA-256, base_platform__raw_files)
          export_date                 the export date in the file's name
          record_key                  the raw primary key
          record   struct: every column staging reads, parsed, under its staging name
          raw      struct: the same columns as trimmed raw text (what the quarantine shows)
          issue    struct: why each column breaks the rules that need only its own file
                   (NULL when it does not)
          notice   struct: what the contract flags but keeps (named by a warning test)
          record_on    struct: the Paris date of each timestamp (G-1), for G-8
          record_hash  a 64-bit hash of the parsed record, to tell copies from
                       contradictions
          is_quarantined  an issue in some column
        Every value of a row depends on its own file only, so each file is parsed once per
        version (materialization staged_by_file). The rule that compares files (repeated ids
        of append-only exports) is applied after, from these rows: macro judge_raw_export. -#}
    {%- if not execute -%}
        {#- while dbt parses: the parents, so that dbt knows them -#}
        {{ return('select * from ' ~ source('platform', export_name) ~ ', '
            ~ ref('base_platform__raw_files')) }}
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

raw_files as (
    select * from {{ ref('base_platform__raw_files') }}
),

file_versions as (
    select
        raw_files.file_name,
        raw_files.sha256
    from raw_files
    where raw_files.export = {{ sql_literal(export_name) }} and raw_files.disposition = 'read'
),

cleaned as (
    -- trimmed raw text, empty as NULL: what the quarantine shows
    select
        {{ source_file_name('source.filename') }} as source_file,
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

versioned_rows as (
    select
        cleaned.*,
        file_versions.sha256 as source_sha256
    from cleaned
    left join file_versions
        on cleaned.source_file = file_versions.file_name
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
    from versioned_rows
),

dated as {{ materialized_cte() if contract.versioned }} (
    -- the Paris date of every timestamp, once (G-1), for the export-date check, and the
    -- parsed record's hash (read twice when versions are compared: kept, not recomputed)
    select
        *
    {%- for column in columns if column.kind == 'timestamp' %},
        {{ paris_date(column.staged_as) }} as {{ column.staged_as }}__on
    {%- endfor %},
        {{ record_hash(columns | map(attribute='staged_as') | list) }} as record_hash
    from parsed
),

    {%- if contract.versioned %}
contradicted_keys as (
    -- G-3 within a file: versions with the same key and updated_at must be copies (an
    -- aggregate over the record's hash, cheaper than a window)
    select
        {{ key }},
        updated_at,
        source_file
    from dated
    where {{ key }} is not null
    group by
        {{ key }},
        updated_at,
        source_file
    having min(record_hash) <> max(record_hash)
),

flagged as (
    select
        dated.*,
        contradicted_keys.{{ key }} is not null as is_contradicted
    from dated
    left join contradicted_keys
        on
            dated.{{ key }} = contradicted_keys.{{ key }}
            and dated.updated_at = contradicted_keys.updated_at
            and dated.source_file = contradicted_keys.source_file
),
    {%- else %}
flagged as (
    -- append-only: repeated ids are compared across files (judge_raw_export)
    select
        *,
        false as is_contradicted
    from dated
),
    {%- endif %}

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
        {%- endif %}
        {#- append-only: a repeated id that is no exact copy (judge_raw_export) -#}
        cast(null as {{ dbt.type_string() }})
        ) as {{ column.name }}__issue{{ ',' if not loop.last }}
    {%- endfor %}
    from flagged
),

    {%- set record_on = [] -%}
    {%- for column in columns if column.kind == 'timestamp' -%}
        {%- do record_on.append([column.staged_as, column.staged_as ~ '__on']) -%}
    {%- endfor -%}
    {%- if record_on | length == 0 -%}
        {%- do record_on.append(['none', 'cast(null as date)']) -%}
    {%- endif %}
final as (
    select
        source_file,
        source_sha256,
        export_date,
        {{ key }}__raw as record_key,
        {{ make_struct(record) }} as record,
        {{ make_struct(raw) }} as raw,
        {{ make_struct(issue) }} as issue,
        {{ make_struct(notices) }} as notice,
        {{ make_struct(record_on) }} as record_on,
        record_hash,
        coalesce(
    {%- for column in columns %}
        {{ column.name }}__issue{{ ',' if not loop.last }}
    {%- endfor %}
        ) is not null as is_quarantined
    from checked
)

select * from final
{%- endmacro %}
