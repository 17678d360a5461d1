{% macro judge_raw_export(export_name, parsed_relation) -%}
    {#- The body of a base model of a CSV export (base_platform__<export>, a view): every
        raw row of the export's current files, staged by file in `parsed_relation`
        (base_platform__<export>_parsed, macro stage_raw_export), judged by the rule
        that compares files, applied here from the staged rows on every build:
          G-3   append-only exports: a repeated id whose copies differ, in any file (the
                key column's last check).
        (A timestamp after the export date is judged against its own file's date, in
        stage_raw_export.)
        Columns as the parsed rows (record, raw, issue, notice), issue and
        is_quarantined now complete. -#}
    {%- set contract = export_contract(export_name) -%}
    {%- set key_column = (contract.read_columns | selectattr('name', 'equalto', contract.key) | list) -%}
    {%- set key = key_column[0].staged_as if key_column | length > 0 else contract.key -%}
    {%- set issue = [] -%}
    {%- for column in contract.read_columns -%}
        {%- if column.name == contract.key and not contract.versioned -%}
            {%- do issue.append([column.name, "coalesce(issue." ~ column.name ~ ", case when"
                ~ " is_contradicted then 'contradiction: repeated id with different values' end)"]) -%}
        {%- else -%}
            {%- do issue.append([column.name, 'issue.' ~ column.name]) -%}
        {%- endif -%}
    {%- endfor %}

with

parsed as (
    select * from {{ parsed_relation }}
),

    {%- if not contract.versioned %}

contradicted_keys as (
    -- G-3, append-only: a repeated id must be an exact copy, whatever its file
    select parsed.record.{{ key }} as contradicted_key
    from parsed
    where parsed.record.{{ key }} is not null
    group by parsed.record.{{ key }}
    having min(parsed.record_hash) <> max(parsed.record_hash)
),
    {%- endif %}

judged as (
    select
        parsed.*,
    {%- if contract.versioned %}
        false as is_contradicted
    {%- else %}
        contradicted_keys.contradicted_key is not null as is_contradicted
    {%- endif %}
    from parsed
    {%- if not contract.versioned %}
    left join contradicted_keys
        on parsed.record.{{ key }} = contradicted_keys.contradicted_key
    {%- endif %}
),

final as (
    select
        source_file,
        source_sha256,
        export_date,
        record_key,
        record,
        raw,
        {{ make_struct(issue) }} as issue,
        notice,
        coalesce(
            is_quarantined
            or is_contradicted,
            false
        ) as is_quarantined
    from judged
)

select * from final
{%- endmacro %}
