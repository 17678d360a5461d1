-- G-11: the fingerprint of every export file an edition was computed from, typed.
with

source as (
    select * from {{ edition_relation('files') }}
),

cleaned as (
    select
        {{ clean_text('edition') }} as edition,
        {{ clean_text('export') }} as export,
        {{ clean_text('file_path') }} as file_path,
        {{ clean_text('size_bytes') }} as size_bytes,
        lower({{ clean_text('sha256') }}) as sha256,
        regexp_extract(filename, '[^/]+/[^/]+$', 0) as source_file,
        regexp_extract(filename, '([0-9]{4})/[^/]+$', 1) as folder
    from source
),

typed as (
    select
        {{ parse_integer('edition') }} as edition,
        export,
        file_path,
        {{ try_cast('size_bytes', 'bigint') }} as size_bytes,
        sha256,
        source_file,
        nullif(concat_ws(
            ', ',
            case
                when {{ parse_integer('edition') }} is null or edition <> folder
                    then 'edition (its folder is ' || folder || ')'
            end,
            case when file_path is null then 'file_path' end,
            case when {{ try_cast('size_bytes', 'bigint') }} is null then 'size_bytes' end,
            case
                when not {{ regex_full_match("coalesce(sha256, '')", '[0-9a-f]{64}') }}
                    then 'sha256'
            end
        ), '') as unreadable_columns
    from cleaned
)

select * from typed
