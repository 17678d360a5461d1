with

base as (
    select * from {{ ref('base_platform__enrollments') }}
),

latest as (
    -- G-3: the version with the greatest updated_at wins; ties: the file sorting last
    select base.*
    from base
    where base.record.enrollment_id is not null and base.record.updated_at is not null
    qualify row_number() over (
            partition by base.record.enrollment_id
            order by base.record.updated_at desc, base.source_file desc
        ) = 1
),

final as (
    select
        latest.record.enrollment_id,
        latest.record.user_id,
        latest.record.path_id,
        latest.record.application_id,
        latest.record.funding_type,
        latest.record.status,
        latest.record.started_on,
        latest.record.expected_end_on,
        latest.record.ended_on,
        latest.record.graduated_on,
        latest.record.updated_at,
        latest.source_file
    from latest
    -- the record's latest version breaks the contract: it is in the quarantine
    where not latest.is_quarantined
)

select * from final
