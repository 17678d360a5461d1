with

base as (
    select * from {{ ref('base_platform__job_outcomes') }}
),

deduplicated as (
    -- G-3: append-only export, a repeated response_id is an exact copy and counts once
    -- (copies that differ are quarantined as contradictions)
    select *
    from base
    where not is_quarantined
    qualify row_number() over (partition by response_id order by source_file) = 1
),

final as (
    select
        response_id,
        enrollment_id,
        user_id,
        collected_at,
        {{ paris_date('collected_at') }} as collected_on,
        situation,
        contract_type,
        job_started_on,
        is_related_to_path,
        source_file
    from deduplicated
)

select * from final
