{% macro sha256_hex(expression) -%}
    {#- The SHA-256 of a string expression (its UTF-8 bytes) as 64 lower-case hex
        characters. Dispatched: DuckDB sha256(), Spark sha2(..., 256). -#}
    {{ return(adapter.dispatch('sha256_hex', 'impact_warehouse')(expression)) }}
{%- endmacro %}

{% macro default__sha256_hex(expression) -%}
    sha256({{ expression }})
{%- endmacro %}

{% macro spark__sha256_hex(expression) -%}
    sha2({{ expression }}, 256)
{%- endmacro %}
