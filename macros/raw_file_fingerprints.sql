{% macro raw_file_fingerprints(paths, previous=none) -%}
    {#- A query of (path, size_bytes, sha256, file_signature, changed_at,
        fingerprinted_at, is_fingerprint_reused) for the given absolute file paths: the
        SHA-256 of each file's bytes, reused from `previous` (the inventory of the
        previous build, or none) when the rule of doc block raw_file_fingerprints says
        the file cannot have changed. Dispatched: DuckDB stats and hashes through the
        functions of impact_warehouse.raw_fingerprints; other engines hash every file
        (raw_file_facts) and reuse nothing. -#}
    {{ return(adapter.dispatch('raw_file_fingerprints', 'impact_warehouse')(paths, previous)) }}
{%- endmacro %}

{% macro default__raw_file_fingerprints(paths, previous) -%}
    select
        facts.path,
        facts.size_bytes,
        facts.sha256,
        cast(null as {{ dbt.type_string() }}) as file_signature,
        cast(null as timestamp) as changed_at,
        cast(current_timestamp as timestamp) as fingerprinted_at,
        false as is_fingerprint_reused
    from ({{ raw_file_facts(paths, with_hash=true) }}) as facts
{%- endmacro %}

{% macro duckdb__raw_file_fingerprints(paths, previous) -%}
    {%- set margin_seconds = 2 -%}
    {%- set columns = [] -%}
    {%- if previous is not none -%}
        {%- for column in adapter.get_columns_in_relation(previous) -%}
            {%- do columns.append(column.name) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set reusable = previous is not none and 'file_signature' in columns
        and 'fingerprinted_at' in columns -%}
    {%- if paths | length == 0 -%}
        {{ return(
            'select cast(null as varchar) as path, cast(null as bigint) as size_bytes,'
            ~ ' cast(null as varchar) as sha256, cast(null as varchar) as file_signature,'
            ~ ' cast(null as timestamp) as changed_at, cast(null as timestamp) as'
            ~ ' fingerprinted_at, false as is_fingerprint_reused where false'
        ) }}
    {%- endif %}
    with

    listed as (
        select
            listed.path,
            impact_file_stat(listed.path) as stat
        from (
            values
    {%- for path in paths %}
                ({{ sql_literal(path) }}){{ ',' if not loop.last }}
    {%- endfor %}
        ) as listed (path)
    ),

    previous as (
    {%- if reusable %}
        select path, file_signature, sha256, fingerprinted_at
        from {{ previous }}
        where sha256 is not null and file_signature is not null
    {%- else %}
        select
            cast(null as varchar) as path,
            cast(null as varchar) as file_signature,
            cast(null as varchar) as sha256,
            cast(null as timestamp) as fingerprinted_at
        where false
    {%- endif %}
    ),

    judged as (
        -- reused: same path and stat signature (size, mtime, ctime, inode, device), and
        -- the file had not changed for {{ margin_seconds }} s when it was hashed
        select
            listed.path,
            listed.stat.signature as file_signature,
            listed.stat.changed_at,
            previous.sha256 as previous_sha256,
            previous.fingerprinted_at as previous_fingerprinted_at,
            coalesce(
                listed.stat.changed_at
                < previous.fingerprinted_at - interval {{ margin_seconds }} second,
                false
            ) as is_fingerprint_reused
        from listed
        left join previous
            on
                listed.path = previous.path
                and listed.stat.signature = previous.file_signature
    )

    select
        path,
        cast(split_part(file_signature, '/', 1) as bigint) as size_bytes,
        case
            when is_fingerprint_reused then previous_sha256 else impact_file_sha256(path)
        end as sha256,
        file_signature,
        changed_at,
        case
            when is_fingerprint_reused then previous_fingerprinted_at
            else cast(current_timestamp as timestamp)
        end as fingerprinted_at,
        is_fingerprint_reused
    from judged
{%- endmacro %}
