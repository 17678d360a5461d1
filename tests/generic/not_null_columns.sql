{#- Fails once for every column of `column_names` that holds a NULL, naming the column and
    its count of NULL rows: dbt's not_null for many columns in one test and one scan of
    the model (a test node per column costs a build about 0.1 s each). Column names are
    quoted for the engine, as in unique_combination. -#}
{% test not_null_columns(model, column_names) %}
    {%- set counts = [] -%}
    {%- set per_column = [] -%}
    {%- for column in column_names -%}
    {%- do counts.append('sum(case when ' ~ adapter.quote(column) ~ ' is null then 1 else 0 end)'
        ~ ' as null_rows_' ~ loop.index) -%}
    {%- do per_column.append("select '" ~ column ~ "' as column_name, null_rows_" ~ loop.index
        ~ ' as null_rows from counted') -%}
{%- endfor -%}
{%- if column_names | length == 0 -%}
    {{ exceptions.raise_compiler_error("not_null_columns on " ~ model ~ ": no column_names") }}
{%- endif %}

with counted as (
    select {{ counts | join(',\n        ') }}
    from {{ model }}
),

per_column as (
    {{ per_column | join('\n    union all\n    ') }}
)

select
    column_name,
    null_rows
from per_column
where null_rows > 0

{% endtest %}
