{% macro generate_schema_name(custom_schema_name, node) -%}
    {#- docs/marts.md: models land in exactly `staging`, `intermediate` and `marts`,
        never `main_staging`. A node without a custom schema uses the target's.
        On Spark a publishing build writes to `<name>__build_<id>` instead
        (spark__build_schema_name, impact_warehouse.spark_publish). -#}
    {%- if custom_schema_name is none -%}
        {%- set name = target.schema -%}
    {%- else -%}
        {%- set name = custom_schema_name | trim -%}
    {%- endif -%}
    {{ return(build_schema_name(name)) }}
{%- endmacro %}
