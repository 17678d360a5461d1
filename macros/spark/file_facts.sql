{#- What the checks of the raw directory need to know about its files, on either engine
    (issue 13). The checks themselves (raw_files, check_raw_export, check_parquet_schemas,
    dq_raw_files, dq_exports) are the same on both; only these facts are dispatched.
    DuckDB finds them in SQL (glob, read_csv, read_blob, parquet_schema, parquet_metadata).
    Spark SQL can neither list files nor read a Parquet footer, and its CSV reader accepts
    files DuckDB refuses, so on Spark they come from the inventory that the Python
    pre-step wrote (impact_warehouse.spark_raw_files), one row per file. -#}

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

{% macro spark_raw_files_relation() -%}
    {#- The inventory as a relation, restricted to the raw directory of this build. -#}
    (select * from parquet.`{{ spark_raw_files_path() }}`
    where raw_dir = {{ spark__string_literal(raw_dir()) }})
{%- endmacro %}

{% macro spark_inventory_paths(paths) -%}
    {#- `file_path in (...)` for absolute paths under the raw directory. -#}
    {%- set relative = [] -%}
    {%- for path in paths -%}
        {%- do relative.append(spark__string_literal(path[raw_dir() | length + 1:])) -%}
    {%- endfor -%}
    file_path in ({{ relative | join(', ') }})
{%- endmacro %}

{% macro list_raw_files() -%}
    {#- Every file under the raw directory (hidden ones included), as absolute paths
        sorted; empty when the directory is missing. At execution time. -#}
    {{ return(adapter.dispatch('list_raw_files', 'impact_warehouse')()) }}
{%- endmacro %}

{% macro default__list_raw_files() -%}
    {{ return(run_query(
        'select file from glob(' ~ sql_literal(raw_dir(), glob=true, pattern='/**') ~ ') order by file'
    ).columns[0].values() | list) }}
{%- endmacro %}

{% macro spark__list_raw_files() -%}
    {#- Refuses, naming the command to run, an inventory made for another raw directory
        (a stale pre-step would hide files). -#}
    {%- set rows = run_query(
        'select raw_dir, file_path from parquet.`' ~ spark_raw_files_path() ~ '` order by file_path'
    ) -%}
    {%- set paths = [] -%}
    {%- for row in rows -%}
        {%- if row[0] != raw_dir() -%}
            {{ exceptions.raise_compiler_error(
                "The raw-file inventory " ~ spark_raw_files_path() ~ " lists " ~ row[0]
                ~ ", not the raw directory " ~ raw_dir() ~ ": run `python -m"
                ~ " impact_warehouse.spark_raw_files --raw-dir " ~ raw_dir() ~ "` before"
                ~ " `dbt build --target spark` (impact-warehouse build --target spark does)."
            ) }}
        {%- endif -%}
        {%- do paths.append(row[0] ~ '/' ~ row[1]) -%}
    {%- endfor -%}
    {{ return(paths) }}
{%- endmacro %}

{% macro csv_files_facts(files) -%}
    {#- {path: {first_line, problem}} of CSV files (raw_files entries): the first line as
        raw text (NULL when the file is empty), and why the engine's reader would not read
        the file as DuckDB's does (NULL when it reads). At execution time. -#}
    {{ return(adapter.dispatch('csv_files_facts', 'impact_warehouse')(files)) }}
{%- endmacro %}

{% macro default__csv_files_facts(files) -%}
    {#- The first line as raw text: DuckDB's own parse errors would not name the column.
        strict_mode = false: a valid file with CRLF row ends and a bare LF inside a quoted
        field (Python's csv module) must not stop this read. No problem: DuckDB's reader
        refuses by itself what it cannot read, naming the file and the line. -#}
    {%- set facts = {} -%}
    {%- for file in files -%}
        {%- set first_line = run_query(
            "select line from read_csv(" ~ sql_literal(file.path, glob=true)
            ~ ", columns = {'line': 'varchar'}, header = false, delim = chr(31),"
            ~ " quote = '', escape = '', auto_detect = false, strict_mode = false,"
            ~ " parallel = false) limit 1"
        ).columns[0].values() -%}
        {%- do facts.update({file.path: {
            'first_line': first_line[0] if first_line | length > 0 else none,
            'problem': none,
        }}) -%}
    {%- endfor -%}
    {{ return(facts) }}
{%- endmacro %}

{% macro spark__csv_files_facts(files) -%}
    {#- From the inventory, one query: header_line and csv_problem (not UTF-8, an
        unterminated quoted field, text after a closing quote, a row over DuckDB's
        max_line_size: files Spark's reader would read, replacing or swallowing what
        DuckDB's refuses). -#}
    {%- set facts = {} -%}
    {%- for file in files -%}
        {%- do facts.update({file.path: {
            'first_line': none,
            'problem': 'not in the raw-file inventory ' ~ spark_raw_files_path(),
        }}) -%}
    {%- endfor -%}
    {%- if files | length > 0 -%}
        {%- for row in run_query(
            'select file_path, header_line, csv_problem from ' ~ spark_raw_files_relation()
            ~ ' as inventory where ' ~ spark_inventory_paths(files | map(attribute='path') | list)
        ) -%}
            {%- do facts.update({raw_dir() ~ '/' ~ row[0]: {'first_line': row[1], 'problem': row[2]}}) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(facts) }}
{%- endmacro %}

{% macro parquet_schema_rows(paths) -%}
    {#- The leaf columns of Parquet files, from their footers: an agate table of
        (file_name: the absolute path, name: lower case, kind: TIMESTAMP for any timestamp
        encoding else the physical type, found: the type as DuckDB's parquet_schema()
        names it). At execution time; stops naming a file that is not Parquet. -#}
    {{ return(adapter.dispatch('parquet_schema_rows', 'impact_warehouse')(paths)) }}
{%- endmacro %}

{% macro default__parquet_schema_rows(paths) -%}
    {%- set literals = [] -%}
    {%- for path in paths -%}
        {%- do literals.append(sql_literal(path, glob=true)) -%}
    {%- endfor -%}
    {{ return(run_query(
        "select file_name, lower(name) as name,"
        ~ " case when type = 'INT96' or coalesce(logical_type, '') like 'TimestampType%'"
        ~ " or coalesce(converted_type, '') like 'TIMESTAMP%' then 'TIMESTAMP' else type end as kind,"
        ~ " coalesce(logical_type, converted_type, type) as found"
        ~ " from parquet_schema([" ~ literals | join(', ') ~ "]) where num_children is null"
    )) }}
{%- endmacro %}

{% macro spark__parquet_schema_rows(paths) -%}
    {%- set unread = run_query(
        'select file_path from ' ~ spark_raw_files_relation() ~ ' as inventory where '
        ~ spark_inventory_paths(paths) ~ ' and parquet_schema is null order by file_path'
    ).columns[0].values() -%}
    {%- if unread | length > 0 -%}
        {{ exceptions.raise_compiler_error(
            "Parquet file " ~ raw_dir() ~ "/" ~ unread[0] ~ " does not read as Parquet"
            ~ " (no valid footer): deliver the month's files as written by the platform."
        ) }}
    {%- endif -%}
    {{ return(run_query(
        "select concat(raw_dir, '/', file_path) as file_name, lower(col.name) as name,"
        ~ " col.kind as kind, col.found as found from " ~ spark_raw_files_relation()
        ~ " as inventory lateral view explode(parquet_schema) columns as col where "
        ~ spark_inventory_paths(paths)
    )) }}
{%- endmacro %}

{% macro spark__raw_file_facts(paths, with_hash) -%}
    {#- raw_file_facts on Spark: size and SHA-256 from the inventory (the pre-step hashed
        every file; without with_hash the hash is not reported, as on DuckDB). -#}
    {%- if paths | length == 0 -%}
        {{ return(default__raw_file_facts(paths, with_hash)) }}
    {%- endif %}
    select
        concat(raw_dir, '/', file_path) as path,
        size_bytes,
        {{ 'sha256' if with_hash else 'cast(null as string)' }} as sha256
    from {{ spark_raw_files_relation() }} as inventory
    where {{ spark_inventory_paths(paths) }}
{%- endmacro %}

{% macro spark__parquet_file_facts(paths, timestamp_column) -%}
    {#- parquet_file_facts on Spark: the footer's row count and the greatest statistic of
        `timestamp_column`, from the inventory. -#}
    {%- if paths | length == 0 -%}
        {{ return(default__parquet_file_facts(paths, timestamp_column)) }}
    {%- endif %}
    select
        concat(raw_dir, '/', file_path) as path,
        parquet_rows as n_rows,
        try_element_at(
            filter(parquet_schema, col -> col.name = {{ spark__string_literal(timestamp_column) }}), 1
        ).max_timestamp as latest_at
    from {{ spark_raw_files_relation() }} as inventory
    where {{ spark_inventory_paths(paths) }}
{%- endmacro %}
