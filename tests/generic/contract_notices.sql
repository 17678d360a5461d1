{#- Warns on every value a base model keeps although its contract flags it (the `notice`
    struct: a code missing from its open reference list), naming export, file, key,
    column and value. -#}
{% test contract_notices(model) %}
    {{ config(severity='warn') }}

    {%- set export = model.identifier | replace('base_platform__', '') -%}
    {%- set noticed = [] -%}
    {%- for column in export_contract(export).read_columns -%}
    {%- if column.known_values_from | length > 0 -%}
        {%- do noticed.append(column.name) -%}
    {%- endif -%}
{%- endfor -%}
    {%- set failures %}
        {%- if noticed | length == 0 %}
select cast(null as {{ dbt.type_string() }}) as source_file where false
{%- else %}
            {%- for column in noticed %}
select
    {{ sql_literal(export) }} as export,
    source_file,
    record_key,
    {{ sql_literal(column) }} as column_name,
    raw.{{ column }} as raw_value,
    notice.{{ column }} as notice
from {{ model }}
where notice.{{ column }} is not null
    {{ 'union all' if not loop.last }}
            {%- endfor %}
        {%- endif %}
    {%- endset %}
    {{ name_failures(failures, "Raw export '" ~ export ~ "': values kept although the contract flags them") }}
    {{ failures }}

{% endtest %}
