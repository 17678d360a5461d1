{#- Reading the editions directory (G-11, G-12) on either engine. An absent or empty
    directory is normal (no edition yet): the staging models then read an empty relation
    with the source's columns. DuckDB lists the files with glob() and reads them through
    the source's external_location (read_csv, columns by name). Spark SQL cannot list
    files and fails on a path that matches nothing, so there the build names the files
    (var edition_files, impact_warehouse.editions.dbt_vars) and each one is registered
    as a table, combined by column name in a view. -#}

{% macro edition_relation(table_name) -%}
    {#- What the staging model of `editions.<table_name>` selects from: the source while
        dbt parses (lineage), at execution time the source when files match its pattern
        (source meta `files`), else an empty relation with the source's columns (text)
        and `filename`. -#}
    {%- if not execute -%}
        {{ return(source('editions', table_name)) }}
    {%- endif -%}
    {%- set files = edition_files(table_name) -%}
    {%- if files | length == 0 -%}
        {%- set columns = [] -%}
        {%- for column in edition_source_columns(table_name) + ['filename'] -%}
            {%- do columns.append('cast(null as ' ~ dbt.type_string() ~ ') as ' ~ adapter.quote(column)) -%}
        {%- endfor -%}
        {{ return('(select ' ~ columns | join(', ') ~ ' where 1 = 0)') }}
    {%- endif -%}
    {{ return(adapter.dispatch('edition_relation', 'impact_warehouse')(table_name, files)) }}
{%- endmacro %}

{% macro edition_source_columns(table_name) -%}
    {#- The columns of `editions.<table_name>` as the sources YAML lists them. -#}
    {%- set node = graph.sources.values() | selectattr('source_name', 'equalto', 'editions')
        | selectattr('name', 'equalto', table_name) | first -%}
    {{ return(node.columns.keys() | list) }}
{%- endmacro %}

{% macro edition_files(table_name) -%}
    {#- The absolute paths of the files of `editions.<table_name>`, sorted, at execution
        time: var edition_files (paths relative to the editions directory, as the build
        lists them) when given, else listed by the engine (DuckDB: glob). -#}
    {%- set node = graph.sources.values() | selectattr('source_name', 'equalto', 'editions')
        | selectattr('name', 'equalto', table_name) | first -%}
    {%- set pattern = node.config.meta.files -%}
    {%- set root = editions_dir() -%}
    {%- set given = var('edition_files', none) -%}
    {%- if given is none -%}
        {{ return(adapter.dispatch('edition_files_listed', 'impact_warehouse')(root, pattern)) }}
    {%- endif -%}
    {#- the pattern's glob classes are regular expressions already; only '.' differs -#}
    {%- set regex = pattern | replace('.', '[.]') -%}
    {%- set files = [] -%}
    {%- for relative in given | sort if modules.re.fullmatch(regex, relative) -%}
        {%- do files.append(root ~ '/' ~ relative) -%}
    {%- endfor -%}
    {{ return(files) }}
{%- endmacro %}

{% macro default__edition_files_listed(root, pattern) -%}
    {%- set result = run_query(
        'select file from glob(' ~ sql_literal(root, glob=true, pattern='/' ~ pattern) ~ ') order by file'
    ) -%}
    {{ return(result.columns[0].values() | list) }}
{%- endmacro %}

{% macro spark__edition_files_listed(root, pattern) -%}
    {{ exceptions.raise_compiler_error(
        "Spark SQL cannot list the editions directory " ~ root ~ ": pass its files as the"
        ~ " var edition_files (paths relative to it, e.g. [\"2023/figures.csv\","
        ~ " \"2023/files.csv\"], [] when there is none), as impact-warehouse build does"
        ~ " (impact_warehouse.editions.dbt_vars)."
    ) }}
{%- endmacro %}

{% macro default__edition_relation(table_name, files) -%}
    {#- DuckDB: the source itself (its external_location reads every matching file). -#}
    {{ return(source('editions', table_name)) }}
{%- endmacro %}

{% macro spark__edition_relation(table_name, files) -%}
    {#- Spark: one external CSV table per file (header, every column text), combined by
        column name in the view `<editions database>.<table_name>` with `filename`, as
        register_raw_export does for the exports. -#}
    {%- set database = build_schema_name('editions') -%}
    {%- do run_query('create database if not exists `' ~ database ~ '`') -%}
    {%- set wanted = edition_source_columns(table_name) -%}
    {%- set selects = [] -%}
    {%- for file in files -%}
        {%- set table = table_name ~ '__f' ~ local_md5(file)[:16] -%}
        {%- do run_query('drop table if exists `' ~ database ~ '`.`' ~ table ~ '`') -%}
        {%- do run_query(
            'create table `' ~ database ~ '`.`' ~ table ~ '` using csv options (path '
            ~ spark__string_literal(file) ~ ", header 'true', sep ',', quote '\"', escape '\"',"
            ~ " multiLine 'true', mode 'FAILFAST', encoding 'UTF-8', inferSchema 'false')"
        ) -%}
        {%- set described = run_query('describe `' ~ database ~ '`.`' ~ table ~ '`') -%}
        {%- set names = [] -%}
        {%- set state = namespace(done=false) -%}
        {%- for row in described -%}
            {%- set name = row[0] | string -%}
            {%- if name.startswith('#') or name == '' -%}
                {%- set state.done = true -%}
            {%- endif -%}
            {%- if not state.done -%}
                {%- do names.append(name) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set lowered = names | map('lower') | list -%}
        {%- set parts = [] -%}
        {%- for column in wanted -%}
            {%- if column | lower in lowered -%}
                {%- do parts.append('`' ~ names[lowered.index(column | lower)] ~ '` as `' ~ column ~ '`') -%}
            {%- else -%}
                {%- do parts.append('cast(null as string) as `' ~ column ~ '`') -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do parts.append(spark__string_literal(file) ~ ' as filename') -%}
        {%- do selects.append('select ' ~ parts | join(', ') ~ ' from `' ~ database ~ '`.`' ~ table ~ '`') -%}
    {%- endfor -%}
    {%- do run_query(
        'create or replace view `' ~ database ~ '`.`' ~ table_name ~ '` as ' ~ selects | join(' union all ')
    ) -%}
    {{ return('`' ~ database ~ '`.`' ~ table_name ~ '`') }}
{%- endmacro %}
