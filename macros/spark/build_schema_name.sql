{% macro build_schema_name(name) -%}
    {#- A database name as the current build writes it (see generate_schema_name). -#}
    {{ return(adapter.dispatch('build_schema_name', 'impact_warehouse')(name)) }}
{%- endmacro %}

{% macro default__build_schema_name(name) -%}
    {#- DuckDB publishes a whole new file (impact_warehouse.build): the names are final. -#}
    {{ return(name) }}
{%- endmacro %}

{% macro spark__build_schema_name(name) -%}
    {#- Spark publishes by switching views (impact_warehouse.spark_publish): a build with
        IMPACT_SPARK_BUILD_ID set writes every schema to `<name>__build_<id>`, never to
        the published names that readers query. Without it (a developer's plain
        `dbt build --target spark`) the names are the published ones. -#}
    {%- set build_id = env_var('IMPACT_SPARK_BUILD_ID', '') | trim -%}
    {%- if build_id == '' -%}
        {{ return(name) }}
    {%- endif -%}
    {%- if not modules.re.fullmatch('[a-z0-9_]+', build_id) -%}
        {{ exceptions.raise_compiler_error(
            "IMPACT_SPARK_BUILD_ID must be lower-case letters, digits and underscores (got '"
            ~ build_id ~ "')."
        ) }}
    {%- endif -%}
    {{ return(name ~ '__build_' ~ build_id) }}
{%- endmacro %}
