with

base as (
    select * from {{ ref('base_platform__addresses') }}
),

latest as (
    -- G-3: the version with the greatest updated_at wins; ties: the file sorting last
    select *
    from base
    where record.address_id is not null and record.updated_at is not null
    qualify row_number() over (
            partition by record.address_id
            order by record.updated_at desc, source_file desc
        ) = 1
),

final as (
    select
        record.address_id as address_id,
        record.user_id as user_id,
        record.valid_from as valid_from,
        -- a two-letter code that is no country stays (named by a warning): M-RES-1 maps it
        record.country_code as country_code,
        record.postal_code as postal_code,
        record.city as city,
        record.geocode_precision as geocode_precision,
        record.qpv_code as qpv_code,
        record.updated_at as updated_at,
        source_file
    from latest
    -- the record's latest version breaks the contract: it is in the quarantine
    where not is_quarantined
)

select * from final
