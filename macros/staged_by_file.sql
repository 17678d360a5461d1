{#- Staging by raw file (issue 12): a model whose rows for a file depend on that file
    alone is staged once per version of each file. Doc block `staged_by_file`. -#}

{% macro staged_materialization() -%}
    {#- The materialization of a model staged by file: `staged_by_file` on DuckDB, a plain
        `table` (every file read on every build) elsewhere, e.g. on Spark. -#}
    {{ return(adapter.dispatch('staged_materialization', 'impact_warehouse')()) }}
{%- endmacro %}

{% macro default__staged_materialization() -%}
    {{ return('table') }}
{%- endmacro %}

{% macro duckdb__staged_materialization() -%}
    {{ return('staged_by_file') }}
{%- endmacro %}

{% macro staged_file_versions(export_name) -%}
    {#- The files a model staged by file must hold now, at execution time: the read files
        of the export, as a list of [source_file, source_sha256] sorted by file. The
        inventory is a parent of every model staged by file (its SQL joins it). -#}
    {%- set versions = [] -%}
    {%- if execute -%}
        {%- set rows = run_query(
            "select file_name, sha256 from " ~ ref('base_platform__raw_files')
            ~ " where export = " ~ sql_literal(export_name) ~ " and disposition = 'read'"
            ~ " order by file_name"
        ) -%}
        {%- for row in rows -%}
            {%- do versions.append([row[0], row[1]]) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(versions) }}
{%- endmacro %}
