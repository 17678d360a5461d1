{% macro materialized_cte() -%}
    {#- Placed between `name as` and the CTE's parenthesis: asks the engine to compute a
        CTE that is read twice only once. DuckDB inlines a CTE of plain projections into
        each reader, which would parse every raw value twice; `materialized` keeps one
        result. Spark has no such hint (empty). -#}
    {{ return(adapter.dispatch('materialized_cte', 'impact_warehouse')()) }}
{%- endmacro %}

{% macro default__materialized_cte() -%}
    {{ return('materialized') }}
{%- endmacro %}

{% macro spark__materialized_cte() -%}
    {{ return('') }}
{%- endmacro %}
