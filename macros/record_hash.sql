{% macro record_hash(expressions) -%}
    {#- A 64-bit hash of a list of SQL expressions, to tell an exact copy of a record from
        a different version without comparing every column (two different records share
        a hash with a probability of about 2^-64). Dispatched: DuckDB hash(), Spark
        xxhash64(). -#}
    {{ return(adapter.dispatch('record_hash', 'impact_warehouse')(expressions)) }}
{%- endmacro %}

{% macro default__record_hash(expressions) -%}
    hash({{ expressions | join(', ') }})
{%- endmacro %}

{% macro spark__record_hash(expressions) -%}
    xxhash64({{ expressions | join(', ') }})
{%- endmacro %}
