with

base as (
    select * from {{ ref('base_platform__addresses') }}
),

latest as (
    -- G-3: the version with the greatest updated_at wins; ties: the file sorting last
    select base.*
    from base
    where base.record.address_id is not null and base.record.updated_at is not null
    qualify row_number() over (
            partition by base.record.address_id
            order by base.record.updated_at desc, base.source_file desc
        ) = 1
),

final as (
    select
        latest.record.address_id,
        latest.record.user_id,
        latest.record.valid_from,
        -- a two-letter code that is no country stays (named by a warning): M-RES-1 maps it
        latest.record.country_code,
        latest.record.postal_code,
        latest.record.city,
        latest.record.geocode_precision,
        latest.record.qpv_code,
        latest.record.updated_at,
        latest.source_file
    from latest
    -- the record's latest version breaks the contract: it is in the quarantine
    where not latest.is_quarantined
)

select * from final
