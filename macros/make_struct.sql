{% macro make_struct(fields) -%}
    {#- A struct value from a list of [name, SQL expression] pairs (dispatched:
        struct_pack on DuckDB, named_struct on Spark). -#}
    {{ return(adapter.dispatch('make_struct', 'impact_warehouse')(fields)) }}
{%- endmacro %}

{% macro default__make_struct(fields) -%}
    struct_pack(
    {%- for field in fields %}
        {{ field[0] }} := {{ field[1] }}{{ ',' if not loop.last }}
    {%- endfor %}
    )
{%- endmacro %}

{% macro spark__make_struct(fields) -%}
    named_struct(
    {%- for field in fields %}
        '{{ field[0] }}', {{ field[1] }}{{ ',' if not loop.last }}
    {%- endfor %}
    )
{%- endmacro %}
