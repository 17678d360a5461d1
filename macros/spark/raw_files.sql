{#- Reading the raw directory on either engine (issue 13). DuckDB lists and reads files
    in SQL (glob, read_blob, read_csv with union_by_name). Spark SQL cannot list files,
    skips empty files silently and lines CSV columns up by position across files, so on
    Spark a Python pre-step (impact_warehouse.spark_raw_files) lists the files and
    register_raw_export reads each CSV file alone and combines them by column name. -#}

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

{% macro raw_files_inventory() -%}
    {#- One row per file under the raw directory: raw_dir, export, file_path (relative),
        file_name, size_bytes, sha256, header_line (first line of a .csv file). -#}
    {{ return(adapter.dispatch('raw_files_inventory', 'impact_warehouse')()) }}
{%- endmacro %}

{% macro default__raw_files_inventory() -%}
    {%- set raw = raw_dir() -%}
    select
        {{ default__string_literal(raw) }} as raw_dir,
        case
            when contains(substr(filename, {{ raw | length + 2 }}), '/')
                then split_part(substr(filename, {{ raw | length + 2 }}), '/', 1)
        end as export,
        substr(filename, {{ raw | length + 2 }}) as file_path,
        parse_filename(filename) as file_name,
        cast(size as bigint) as size_bytes,
        sha256(content) as sha256,
        case
            when lower(filename) like '%.csv' and size > 0
                then rtrim(ltrim(
                    split_part(try(decode(content)), chr(10), 1), chr(65279)), chr(13))
        end as header_line
    from read_blob({{ default__string_literal(raw ~ '/**') }})
{%- endmacro %}

{% macro spark_raw_files_path() -%}
    {#- Where the pre-step wrote the inventory: IMPACT_SPARK_RAW_FILES, default
        $IMPACT_SPARK_DIR/prestep/raw_files.parquet (same rule as spark_raw_files.py). -#}
    {%- set configured = env_var('IMPACT_SPARK_RAW_FILES', '') | trim -%}
    {%- if configured -%}
        {{ return(configured) }}
    {%- endif -%}
    {%- set spark_dir = env_var('IMPACT_SPARK_DIR', 'warehouse/spark') | trim -%}
    {%- set root = env_var('DBT_PROJECT_DIR', flags.PROFILES_DIR) | string -%}
    {%- set base = spark_dir if spark_dir.startswith('/') else root.rstrip('/') ~ '/' ~ spark_dir -%}
    {{ return(base.rstrip('/') ~ '/prestep/raw_files.parquet') }}
{%- endmacro %}

{% macro spark__raw_files_inventory() -%}
    {#- The pre-step's Parquet file. At execution time, refuses an inventory written for
        another raw directory (a stale pre-step would hide files). -#}
    {%- set path = spark_raw_files_path() -%}
    {%- if execute -%}
        {%- set other = run_query(
            "select min(raw_dir) from parquet.`" ~ path ~ "` where raw_dir <> "
            ~ spark__string_literal(raw_dir())
        ).columns[0].values() -%}
        {%- if other | length > 0 and other[0] is not none -%}
            {{ exceptions.raise_compiler_error(
                "The raw-file inventory " ~ path ~ " lists " ~ other[0] ~ ", not the raw"
                ~ " directory " ~ raw_dir() ~ ": run `python -m impact_warehouse.spark_raw_files"
                ~ " --raw-dir " ~ raw_dir() ~ "` before `dbt build --target spark`"
                ~ " (impact-warehouse build --target spark does)."
            ) }}
        {%- endif -%}
    {%- endif -%}
    select
        raw_dir,
        export,
        file_path,
        file_name,
        size_bytes,
        sha256,
        header_line
    from parquet.`{{ path }}`
{%- endmacro %}

{% macro raw_export_files(export_name, file_format='csv') -%}
    {#- The files of one export, at execution time, as a list of dicts {path (absolute),
        file_path (relative to the raw directory), file_name, size_bytes, header_line},
        sorted by path: what the header checks and register_raw_export need. Data files
        only: `<export>/*.csv`, or `<export>/*/*.parquet` for Parquet exports. -#}
    {%- set files = [] -%}
    {%- if execute -%}
        {%- set pattern = ('[^/]+/[^/]+[.]parquet' if file_format == 'parquet' else '[^/]+[.]csv') -%}
        {%- set rows = run_query(
            "select file_path, file_name, size_bytes, header_line from ("
            ~ raw_files_inventory() ~ ") as inventory where export = '" ~ export_name ~ "'"
            ~ " order by file_path"
        ) -%}
        {%- for row in rows -%}
            {%- set relative = row[0][(export_name | length) + 1:] -%}
            {%- if modules.re.fullmatch(pattern, relative) -%}
                {%- do files.append({
                    'path': raw_dir() ~ '/' ~ row[0],
                    'file_path': row[0],
                    'file_name': row[1],
                    'size_bytes': row[2],
                    'header_line': row[3],
                }) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(files) }}
{%- endmacro %}

{% macro raw_export_database() -%}
    {#- The database of the raw relations on Spark: `platform`, or `platform__build_<id>`
        in a publishing build (so a published view never reads another build's files).
        The `platform` source's schema must name the same database on Spark. -#}
    {{ return(build_schema_name('platform')) }}
{%- endmacro %}

{% macro register_raw_export(export_name, columns=none, file_format='csv') -%}
    {#- Make the export readable as one relation before a model reads it. DuckDB: nothing
        to do (the source's external_location reads the files). Spark: see spark__. -#}
    {{ return(adapter.dispatch('register_raw_export', 'impact_warehouse')(export_name, columns, file_format)) }}
{%- endmacro %}

{% macro default__register_raw_export(export_name, columns, file_format) -%}
    {{ return('') }}
{%- endmacro %}

{% macro spark__register_raw_export(export_name, columns, file_format) -%}
    {#- CSV: one external table per file (header, RFC 4180 quotes, multi-line fields, every
        column text, FAILFAST on a malformed row), combined BY COLUMN NAME in the view
        `<raw_export_database>.<export>`: each file gives the columns its header names,
        NULL for the others, plus `filename` (absolute path, like DuckDB's filename =
        true). Spark's own CSV reader lines columns up by position across files.
        Parquet: one external table over the export folder (Parquet is matched by name,
        mergeSchema fills missing columns with NULL; `month` from the month=YYYY-MM
        folders), with `filename` and `file_row_number` (0-based row in its file) from the
        file metadata. `columns` (default: every column seen) fixes the view's columns.
        Runs at execution time, renders no SQL. Not safe to run for one export from two
        threads at once: register every export once, before the models (on-run-start,
        register_raw_exports). Dropping a file table never touches the files. -#}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set database = raw_export_database() -%}
    {%- set files = raw_export_files(export_name, file_format) -%}
    {%- if files | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "Raw export '" ~ export_name ~ "': the folder " ~ raw_dir() ~ "/" ~ export_name
            ~ " is missing or holds no " ~ file_format ~ " file."
        ) }}
    {%- endif -%}
    {%- do run_query("create database if not exists `" ~ database ~ "`") -%}
    {%- if file_format == 'parquet' -%}
        {%- set tables = [export_name ~ '__files'] -%}
    {%- else -%}
        {#- one table per file, named after a hash of its path -#}
        {%- set tables = [] -%}
        {%- for file in files -%}
            {%- do tables.append(export_name ~ '__f' ~ local_md5(file.path)[:16]) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set existing = run_query("show tables in `" ~ database ~ "` like '" ~ export_name ~ "__f*'") -%}
    {%- for row in existing -%}
        {#- tables of an earlier registration: external, dropping them keeps the files -#}
        {%- do run_query("drop table if exists `" ~ database ~ "`.`" ~ row[1] ~ "`") -%}
    {%- endfor -%}
    {%- set seen = [] -%}
    {%- set per_table = [] -%}
    {%- for table in tables -%}
        {%- if file_format == 'parquet' -%}
            {%- do run_query(
                "create table `" ~ database ~ "`.`" ~ table ~ "` using parquet options (path "
                ~ spark__string_literal(raw_dir() ~ '/' ~ export_name) ~ ", mergeSchema 'true')"
            ) -%}
            {%- do run_query("msck repair table `" ~ database ~ "`.`" ~ table ~ "`") -%}
        {%- else -%}
            {%- do run_query(
                "create table `" ~ database ~ "`.`" ~ table ~ "` using csv options ("
                ~ "path " ~ spark__string_literal(files[loop.index0].path) ~ ", header 'true',"
                ~ " sep ',', quote '\"', escape '\"', multiLine 'true', mode 'FAILFAST',"
                ~ " encoding 'UTF-8', inferSchema 'false')"
            ) -%}
        {%- endif -%}
        {#- the columns as Spark itself read them -#}
        {%- set described = run_query("describe `" ~ database ~ "`.`" ~ table ~ "`") -%}
        {%- set names = [] -%}
        {%- set state = namespace(done=false) -%}
        {%- for row in described -%}
            {%- set name = row[0] | string -%}
            {%- if name.startswith('#') or name == '' -%}
                {%- set state.done = true -%}
            {%- endif -%}
            {%- if not state.done and not (file_format == 'parquet' and name | lower == 'month') -%}
                {%- do names.append(name) -%}
                {%- if name | lower not in seen -%}
                    {%- do seen.append(name | lower) -%}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do per_table.append({'table': table, 'names': names, 'index': loop.index0}) -%}
    {%- endfor -%}
    {%- set wanted = (columns | list) if columns is not none else seen -%}
    {%- set selects = [] -%}
    {%- for entry in per_table -%}
        {%- set lowered = entry.names | map('lower') | list -%}
        {%- set parts = [] -%}
        {%- for column in wanted -%}
            {%- if column | lower in lowered -%}
                {%- do parts.append('`' ~ entry.names[lowered.index(column | lower)] ~ '` as `' ~ column ~ '`') -%}
            {%- else -%}
                {%- do parts.append('cast(null as string) as `' ~ column ~ '`') -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if file_format == 'parquet' -%}
            {%- do parts.append("url_decode(regexp_replace(_metadata.file_path, '^file:(//)?', '')) as filename") -%}
            {%- do parts.append('cast(month as string) as month') -%}
            {%- do parts.append('_metadata.row_index as file_row_number') -%}
        {%- else -%}
            {%- do parts.append(spark__string_literal(files[entry.index].path) ~ ' as filename') -%}
        {%- endif -%}
        {%- do selects.append('select ' ~ (parts | join(', ')) ~ ' from `' ~ database ~ '`.`' ~ entry.table ~ '`') -%}
    {%- endfor -%}
    {%- do run_query(
        "create or replace view `" ~ database ~ "`.`" ~ export_name ~ "` as "
        ~ (selects | join(' union all '))
    ) -%}
    {{ return('') }}
{%- endmacro %}

{% macro register_raw_exports(exports) -%}
    {#- on-run-start hook: register_raw_export for every export, one after the other,
        before any model reads them. exports: list of {name, format (csv | parquet),
        columns (optional)}. Renders no SQL. -#}
    {%- for export in exports -%}
        {%- do register_raw_export(export.name, export.get('columns'), export.get('format', 'csv')) -%}
    {%- endfor -%}
    {{ return('') }}
{%- endmacro %}
