-- sqlfluff:exclude_rules:layout.indent
{#- (sqlfluff renders the macros below and misreads the indentation of their
    execution-time statements; this file renders no SQL, dbt ignores the line above.) -#}
{#- Reading the raw directory on either engine (issue 13). DuckDB reads the files in SQL
    (the sources' read_csv/read_parquet, union_by_name). Spark's CSV reader lines columns
    up by position across files, so on Spark register_raw_export reads each CSV file alone
    and combines them by column name, once check_raw_export has checked them. What the
    checks know about the files is in file_facts.sql. -#}

{% macro string_literal(text) -%}
    {#- A SQL string literal of `text` (a path, a value), escaped for the engine. -#}
    {{ return(adapter.dispatch('string_literal', 'impact_warehouse')(text)) }}
{%- endmacro %}

{% macro default__string_literal(text) -%}
    {#- Standard SQL (DuckDB): a single quote is doubled, a backslash is plain text. -#}
    {{ return("'" ~ (text | string | replace("'", "''")) ~ "'") }}
{%- endmacro %}

{% macro spark__string_literal(text) -%}
    {#- Spark (spark.sql.parser.escapedStringLiterals=false): backslash is the escape
        character, so both it and the single quote are escaped with it. -#}
    {{ return("'" ~ (text | string | replace("\\", "\\\\") | replace("'", "\\'")) ~ "'") }}
{%- endmacro %}

{% macro raw_export_database() -%}
    {#- The database of the raw relations on Spark: `platform`, or `platform__build_<id>`
        in a publishing build (so a published view never reads another build's files).
        The `platform` source's schema must name the same database on Spark. -#}
    {{ return(build_schema_name('platform')) }}
{%- endmacro %}

{% macro prepare_raw_exports() -%}
    {#- on-run-start hook: ready to register the raw exports (dispatched). Renders no SQL. -#}
    {%- if execute -%}
        {%- do adapter.dispatch('prepare_raw_exports', 'impact_warehouse')() -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}

{% macro default__prepare_raw_exports() -%}
    {#- DuckDB: nothing (the sources read the files). -#}
{%- endmacro %}

{% macro spark__prepare_raw_exports() -%}
    {#- Spark: the database of the raw relations, created once before the base models
        that register into it run in parallel. -#}
    {%- do run_query("create database if not exists `" ~ raw_export_database() ~ "`") -%}
{%- endmacro %}

{% macro register_raw_export(export_name, contract, files) -%}
    {#- Make the export readable as one relation, once check_raw_export has checked its
        files (`files`: the raw_files entries it reads). DuckDB: nothing to do (the
        source's external_location reads the files). Spark: see spark__. -#}
    {{ return(adapter.dispatch('register_raw_export', 'impact_warehouse')(export_name, contract, files)) }}
{%- endmacro %}

{% macro default__register_raw_export(export_name, contract, files) -%}
    {{ return('') }}
{%- endmacro %}

{% macro spark__register_raw_export(export_name, contract, files) -%}
    {#- CSV: one external table per file (header, RFC 4180 quotes, multi-line fields, every
        column text, FAILFAST on a row with too few or too many fields; a file whose quoted
        fields follow spaces is read skipping leading spaces, as DuckDB does), combined BY
        COLUMN NAME in the view `<raw_export_database>.<export>`: each file gives the
        columns its header names (matched trimmed and case-insensitively, as the header
        check reads them), NULL for the others, plus `filename` (absolute path, like
        DuckDB's filename = true). Spark's own CSV reader lines columns up by position
        across files. Parquet: one external table over the export folder (columns matched
        by name, typed by the contract; `month` from the month=YYYY-MM folders), with `filename` and
        `file_row_number` (0-based row in its file) from the file metadata. The view has
        the contract's read columns. Runs at execution time, renders no SQL; each export
        is registered by its own base model. Dropping a file table never touches the
        files (external tables). -#}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set database = raw_export_database() -%}
    {%- set wanted = contract.read_columns | map(attribute='name') | list -%}
    {%- set existing = run_query("show tables in `" ~ database ~ "` like '" ~ export_name ~ "__f*'") -%}
    {%- for row in existing -%}
        {#- tables of an earlier registration: external, dropping them keeps the files -#}
        {%- do run_query("drop table if exists `" ~ database ~ "`.`" ~ row[1] ~ "`") -%}
    {%- endfor -%}
    {%- set selects = [] -%}
    {%- if contract.file_format == 'parquet' -%}
        {#- the read columns declared as their contract kind reads them (check_parquet_schemas
            has checked each file's footer): each file is read with this schema, so an INT32
            id in one month and an INT64 one in another both read as bigint (Spark's
            mergeSchema refuses to merge them; DuckDB's union_by_name widens) -#}
        {%- set table = export_name ~ '__files' -%}
        {%- set spark_types = {'id': 'bigint', 'timestamp': 'timestamp'} -%}
        {%- set declared = [] -%}
        {%- for column in contract.read_columns -%}
            {%- do declared.append('`' ~ column.name ~ '` ' ~ spark_types.get(column.kind, 'string')) -%}
        {%- endfor -%}
        {%- do declared.append('`month` string') -%}
        {%- do run_query(
            "create table `" ~ database ~ "`.`" ~ table ~ "` (" ~ declared | join(', ')
            ~ ") using parquet partitioned by (`month`) options (path "
            ~ spark__string_literal(raw_dir() ~ '/' ~ export_name) ~ ")"
        ) -%}
        {%- do run_query("msck repair table `" ~ database ~ "`.`" ~ table ~ "`") -%}
        {%- set parts = [] -%}
        {%- for column in wanted -%}
            {%- do parts.append('`' ~ column ~ '`') -%}
        {%- endfor -%}
        {%- do parts.append("url_decode(regexp_replace(_metadata.file_path, '^file:(//)?', '')) as filename") -%}
        {%- do parts.append('cast(month as string) as month') -%}
        {%- do parts.append('_metadata.row_index as file_row_number') -%}
        {%- do selects.append('select ' ~ (parts | join(', ')) ~ ' from `' ~ database ~ '`.`' ~ table ~ '`') -%}
    {%- else -%}
        {#- the header of each file, split as DuckDB's reader splits it (pre-step) -#}
        {%- set headers = {} -%}
        {%- for row in run_query(
            'select file_path, to_json(csv_header), csv_spaced_quotes from ' ~ spark_raw_files_relation()
            ~ ' as inventory where ' ~ spark_inventory_paths(files | map(attribute='path') | list)
        ) -%}
            {%- do headers.update({raw_dir() ~ '/' ~ row[0]: {'names': fromjson(row[1]), 'spaced': row[2]}}) -%}
        {%- endfor -%}
        {%- for file in files -%}
            {#- one table per file, named after a hash of its path; its columns named by
                position from the header (c<i> for the columns staging does not read) -#}
            {%- set table = export_name ~ '__f' ~ local_md5(file.path)[:16] -%}
            {%- set header = headers[file.path] -%}
            {%- set matched = header.names | map('trim') | map('lower') | list -%}
            {%- set columns = [] -%}
            {%- for name in matched -%}
                {%- do columns.append('`' ~ (name if name in wanted else 'c' ~ loop.index0) ~ '` string') -%}
            {%- endfor -%}
            {%- do run_query(
                "create table `" ~ database ~ "`.`" ~ table ~ "` (" ~ columns | join(', ')
                ~ ") using csv options (path " ~ spark__string_literal(file.path) ~ ","
                ~ " header 'true', sep ',', quote '\"', escape '\"', multiLine 'true',"
                ~ " mode 'FAILFAST', encoding 'UTF-8', ignoreLeadingWhiteSpace '"
                ~ ('true' if header.spaced else 'false') ~ "')"
            ) -%}
            {%- set parts = [] -%}
            {%- for column in wanted -%}
                {%- do parts.append(('`' ~ column ~ '`' if column in matched else 'cast(null as string)') ~ ' as `' ~ column ~ '`') -%}
            {%- endfor -%}
            {%- do parts.append(spark__string_literal(file.path) ~ ' as filename') -%}
            {%- do selects.append('select ' ~ (parts | join(', ')) ~ ' from `' ~ database ~ '`.`' ~ table ~ '`') -%}
        {%- endfor -%}
    {%- endif -%}
    {%- do run_query(
        "create or replace view `" ~ database ~ "`.`" ~ export_name ~ "` as "
        ~ (selects | join(' union all '))
    ) -%}
    {{ return('') }}
{%- endmacro %}
