with

base as (
    select * from {{ ref('base_platform__enrollments') }}
),

latest as (
    -- G-3: the version with the greatest updated_at wins; ties: the file sorting last
    select *
    from base
    where record.enrollment_id is not null and record.updated_at is not null
    qualify row_number() over (
            partition by record.enrollment_id
            order by record.updated_at desc, source_file desc
        ) = 1
),

final as (
    select
        record.enrollment_id as enrollment_id,
        record.user_id as user_id,
        record.path_id as path_id,
        record.application_id as application_id,
        record.funding_type as funding_type,
        record.status as status,
        record.started_on as started_on,
        record.expected_end_on as expected_end_on,
        record.ended_on as ended_on,
        record.graduated_on as graduated_on,
        record.updated_at as updated_at,
        source_file
    from latest
    -- the record's latest version breaks the contract: it is in the quarantine
    where not is_quarantined
)

select * from final
