with

source as (
    select * from {{ source('platform', 'people') }}
),

final as (
    select
        {{ try_cast('person_id', 'bigint') }} as person_id,
        nullif(trim(name), '') as person_name,
        upper(trim(country_code)) as country_code,
        {{ parse_timestamp_utc('joined_at') }} as joined_at,
        nullif(trim(note), '') as note,
        replace(filename, {{ string_literal(raw_dir() ~ '/people/') }}, '') as source_file
    from source
)

select * from final
