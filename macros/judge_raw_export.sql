{% macro judge_raw_export(export_name, parsed_relation) -%}
    {#- The body of a base model of a CSV export (base_platform__<export>, a view): every
        raw row of the export's current files, staged by file in `parsed_relation`
        (base_platform__<export>_parsed, macro stage_raw_export), judged by the rules
        that compare files, applied here from the staged rows on every build:
          G-8   a timestamp after the export date of the newest file of the export (in
                the order of the checks: before the contract's own checks of the column);
          G-3   append-only exports: a repeated id whose copies differ, in any file (the
                key column's last check).
        Columns as the parsed rows (record, raw, issue, notice), issue and
        is_quarantined now complete. -#}
    {%- set contract = export_contract(export_name) -%}
    {%- set key_column = (contract.read_columns | selectattr('name', 'equalto', contract.key) | list) -%}
    {%- set key = key_column[0].staged_as if key_column | length > 0 else contract.key -%}
    {%- set issue = [] -%}
    {%- set g8 = [] -%}
    {%- for column in contract.read_columns -%}
        {%- if column.kind == 'timestamp' -%}
            {%- set condition = 'record_on.' ~ column.staged_as ~ ' > newest_export_date' -%}
            {%- do g8.append(condition) -%}
            {%- do issue.append([column.name, "coalesce(case when " ~ condition
                ~ " then 'after the export date of the newest file of the export ('"
                ~ " || cast(newest_export_date as " ~ dbt.type_string() ~ ") || ')' end, issue."
                ~ column.name ~ ")"]) -%}
        {%- elif column.name == contract.key and not contract.versioned -%}
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

newest as (
    -- the export date of the newest file: no timestamp of the export may lie after it
    select max(export_date) as newest_export_date
    from parsed
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
        newest.newest_export_date,
    {%- if contract.versioned %}
        false as is_contradicted
    {%- else %}
        contradicted_keys.contradicted_key is not null as is_contradicted
    {%- endif %}
    from parsed
    cross join newest
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
            or is_contradicted
        {%- for condition in g8 %}
            or {{ condition }}
        {%- endfor %},
            false
        ) as is_quarantined
    from judged
)

select * from final
{%- endmacro %}
