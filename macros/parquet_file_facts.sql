{% macro parquet_file_facts(paths, timestamp_column) -%}
    {#- A query of (path, n_rows, latest_at) for the given Parquet files, from their footers
        only (no data is read): the row count and the greatest value of `timestamp_column`
        in the column statistics (NULL when the writer kept none). Dispatched: DuckDB's
        parquet_metadata; other engines need a Python pre-step. -#}
    {{ return(adapter.dispatch('parquet_file_facts', 'impact_warehouse')(paths, timestamp_column)) }}
{%- endmacro %}

{% macro default__parquet_file_facts(paths, timestamp_column) -%}
    {%- if paths | length == 0 -%}
        {{ return(
            'select cast(null as ' ~ dbt.type_string() ~ ') as path, cast(null as bigint) as'
            ~ ' n_rows, cast(null as timestamp) as latest_at where false'
        ) }}
    {%- endif -%}
    {%- set literals = [] -%}
    {%- for path in paths -%}
        {%- do literals.append(sql_literal(path, glob=true)) -%}
    {%- endfor %}
    select
        file_name as path,
        sum(row_group_num_rows) filter (where column_id = 0) as n_rows,
        max(try_cast(stats_max_value as timestamp))
            filter (where path_in_schema = {{ sql_literal(timestamp_column) }}) as latest_at
    from parquet_metadata([{{ literals | join(', ') }}])
    group by file_name
{%- endmacro %}
