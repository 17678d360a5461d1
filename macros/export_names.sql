{% macro export_names() -%}
    {#- The exports of the contract (tables of source `platform`), sorted; empty while
        dbt parses. -#}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {{ return(graph.sources.values() | selectattr('source_name', 'equalto', 'platform')
        | map(attribute='name') | sort | list) }}
{%- endmacro %}
