{% macro quarantine_rows(export_name, base_relation, key) -%}
    {#- One row per contract breach found by a base staging model: every `<column>__issue`
        that is not NULL becomes (export, source_file, record_key, column_name, raw_value,
        reason). The columns are read from the built base relation. -#}
    {%- set issue_columns = [] -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(base_relation) -%}
            {%- if column.name.endswith('__issue') -%}
                {%- do issue_columns.append(column.name[:-7]) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if issue_columns | length == 0 %}
    select
        cast(null as {{ dbt.type_string() }}) as export,
        cast(null as {{ dbt.type_string() }}) as source_file,
        cast(null as {{ dbt.type_string() }}) as record_key,
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ dbt.type_string() }}) as raw_value,
        cast(null as {{ dbt.type_string() }}) as reason,
        cast(null as bigint) as raw_row_id
    where false
    {%- else %}
        {%- for column in issue_columns %}
    select
        '{{ export_name }}' as export,
        source_file,
        {{ key }}__raw as record_key,
        '{{ column }}' as column_name,
        {{ column }}__raw as raw_value,
        {{ column }}__issue as reason,
        -- CSV rows have no stable row number (see stg_platform__raw_row_counts)
        cast(null as bigint) as raw_row_id
    from {{ base_relation }}
    where {{ column }}__issue is not null
    {% if not loop.last %}union all{% endif %}
        {%- endfor %}
    {%- endif %}
{%- endmacro %}
