{#- Seeds on Spark (issue 13). dbt-spark's own session-mode loader binds every value
    as '<value>' pasted into the SQL without escaping (Côte d'Ivoire breaks the insert)
    and turns an empty cell into the text 'None'. These overrides render each value as
    a correctly escaped Spark literal and an empty cell as NULL. They are found before
    dbt-spark's because root-project macros come first in dbt's dispatch order. -#}

{% macro spark__seed_column_type(data_type) -%}
    {#- DuckDB accepts a bare `varchar`, Spark needs a length: `string` is the same type
        on both engines (prefer writing `string` in the seeds' column_types). -#}
    {%- set normalised = data_type | trim | lower -%}
    {{- 'string' if normalised in ('varchar', 'char', 'text', 'character varying') else data_type -}}
{%- endmacro %}

{% macro spark__seed_literal(value) -%}
    {#- One agate value as a Spark SQL literal: NULL for an empty cell, else a quoted
        string (backslash and quote escaped, Spark's string-literal rules) that the
        caller casts to the column type. -#}
    {%- if value is none -%}
        null
    {%- elif value is sameas true or value is sameas false -%}
        {{ 'true' if value else 'false' }}
    {%- else -%}
        {%- if value is string -%}
            {%- set text = value -%}
        {%- elif value.isoformat is defined and value.hour is defined -%}
            {%- set text = value.isoformat(' ') -%}
        {%- elif value.isoformat is defined -%}
            {%- set text = value.isoformat() -%}
        {%- else -%}
            {%- set text = value | string -%}
        {%- endif -%}
        {{ spark__string_literal(text) }}
    {%- endif -%}
{%- endmacro %}

{% macro spark__create_csv_table(model, agate_table) -%}
    {#- dbt-spark's own statement, with spark__seed_column_type applied to each type. -#}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set quote_seed_column = model['config'].get('quote_columns', None) -%}
    {%- set columns = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
        {%- set type = spark__seed_column_type(column_override.get(col_name, inferred_type)) -%}
        {%- do columns.append(adapter.quote_seed_column(col_name | string, quote_seed_column) ~ ' ' ~ type) -%}
    {%- endfor -%}
    {%- set sql = 'create table ' ~ this.render() ~ ' (' ~ (columns | join(', ')) ~ ') '
        ~ file_format_clause() ~ ' ' ~ partition_cols(label='partitioned by') ~ ' '
        ~ clustered_cols(label='clustered by') ~ ' ' ~ location_clause() ~ ' '
        ~ comment_clause() -%}
    {%- do run_query(sql) -%}
    {{ return(sql) }}
{%- endmacro %}

{% macro spark__load_csv_rows(model, agate_table) -%}
    {%- set batch_size = get_batch_size() -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set types = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
        {%- do types.append(spark__seed_column_type(column_override.get(col_name, inferred_type))) -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(batch_size) -%}
        {%- set rows = [] -%}
        {%- for row in chunk -%}
            {%- set values = [] -%}
            {%- for value in row -%}
                {%- do values.append('cast(' ~ spark__seed_literal(value) ~ ' as ' ~ types[loop.index0] ~ ')') -%}
            {%- endfor -%}
            {%- do rows.append('(' ~ (values | join(', ')) ~ ')') -%}
        {%- endfor -%}
        {%- set sql = 'insert into ' ~ this.render() ~ ' values\n' ~ (rows | join(',\n')) -%}
        {#- No bindings: the values are literals already (a binding would be pasted raw). -#}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.index0 == 0 -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{%- endmacro %}
