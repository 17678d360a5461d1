with

base as (
    select * from {{ ref('base_platform__enrollments') }}
),

latest as (
    -- G-3: the version with the greatest updated_at wins; ties: the file sorting last
    select *
    from base
    where enrollment_id is not null and updated_at is not null
    qualify row_number() over (
            partition by enrollment_id
            order by updated_at desc, source_file desc
        ) = 1
),

final as (
    select
        enrollment_id,
        user_id,
        path_id,
        application_id,
        funding_type,
        status,
        started_on,
        expected_end_on,
        ended_on,
        graduated_on,
        updated_at,
        source_file
    from latest
    where not is_quarantined
)

select * from final
