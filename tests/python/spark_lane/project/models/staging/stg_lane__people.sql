with

source as (
    select * from {{ source('platform', 'people') }}
),

final as (
    select
        {{ try_cast('person_id', 'bigint') }} as person_id,
        nullif({{ trim_spaces('name') }}, '') as person_name,
        upper({{ trim_spaces('country_code') }}) as country_code,
        {{ parse_timestamp_utc('joined_at') }} as joined_at,
        nullif({{ trim_spaces('note') }}, '') as note,
        replace(filename, {{ string_literal(raw_dir() ~ '/people/') }}, '') as source_file
    from source
)

select * from final
