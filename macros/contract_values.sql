{% macro contract_values(column) -%}
    {#- The closed list of a contract column: its inline `values`, else the union of the
        seed columns of `values_from`, read at execution time. Each seed must be a declared
        parent of the calling model (dbt resolves refs while parsing, when the contract is
        not yet readable): a missing `-- depends_on` line stops the build saying so. -#}
    {{ return(column['values'] if column['values'] is not none else seed_values(column['values_from'])) }}
{%- endmacro %}
