{% macro raw_file_facts(paths, with_hash=true) -%}
    {#- A query of (path, size_bytes, sha256) for the given absolute file paths: the size
        and, with `with_hash`, the SHA-256 of the bytes (the raw directory's fingerprint;
        ignored files are listed with their size only, never opened). Dispatched: DuckDB
        reads the files with read_blob; other engines need a Python pre-step. -#}
    {{ return(adapter.dispatch('raw_file_facts', 'impact_warehouse')(paths, with_hash)) }}
{%- endmacro %}

{% macro default__raw_file_facts(paths, with_hash) -%}
    {%- if paths | length == 0 -%}
        {{ return(
            'select cast(null as ' ~ dbt.type_string() ~ ') as path, cast(null as bigint) as'
            ~ ' size_bytes, cast(null as ' ~ dbt.type_string() ~ ') as sha256 where false'
        ) }}
    {%- endif -%}
    {%- set literals = [] -%}
    {%- for path in paths -%}
        {%- do literals.append(sql_literal(path, glob=true)) -%}
    {%- endfor %}
    select
        filename as path,
        cast(size as bigint) as size_bytes,
        {{ 'sha256(content)' if with_hash else 'cast(null as ' ~ dbt.type_string() ~ ')' }}
            as sha256
    from read_blob([{{ literals | join(', ') }}])
{%- endmacro %}
