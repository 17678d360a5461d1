with

base as (
    select * from {{ ref('base_platform__applications') }}
),

latest as (
    -- G-3: the version with the greatest updated_at wins; ties: the file sorting last
    select *
    from base
    where application_id is not null and updated_at is not null
    qualify row_number() over (
            partition by application_id
            order by updated_at desc, source_file desc
        ) = 1
),

final as (
    select
        application_id,
        user_id,
        path_id,
        submitted_at,
        {{ paris_date('submitted_at') }} as submitted_on,
        status,
        decided_at,
        {{ paris_date('decided_at') }} as decided_on,
        funding_requested,
        updated_at,
        source_file
    from latest
    where not is_quarantined
)

select * from final
