{% macro generate_schema_name(custom_schema_name, node) -%}
    {#- MARTS.md: models land in exactly `staging`, `intermediate` and `marts`,
        never `main_staging`. A node without a custom schema uses the target's. -#}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
