with

base as (
    select * from {{ ref('base_platform__addresses') }}
),

latest as (
    -- G-3: the version with the greatest updated_at wins; ties: the file sorting last
    select *
    from base
    where address_id is not null and updated_at is not null
    qualify row_number() over (
            partition by address_id
            order by updated_at desc, source_file desc
        ) = 1
),

final as (
    select
        address_id,
        user_id,
        valid_from,
        -- not validated here: M-RES-1 maps an invalid code to unknown
        country_code,
        postal_code,
        city,
        geocode_precision,
        qpv_code,
        updated_at,
        source_file
    from latest
    where not is_quarantined
)

select * from final
