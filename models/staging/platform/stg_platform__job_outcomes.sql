with

base as (
    select * from {{ ref('base_platform__job_outcomes') }}
),

deduplicated as (
    -- G-3: append-only export, a repeated response_id is an exact copy and counts once
    -- (copies that differ are quarantined as contradictions)
    select base.*
    from base
    where not base.is_quarantined
    qualify row_number() over (
            partition by base.record.response_id order by base.source_file
        ) = 1
),

final as (
    select
        deduplicated.record.response_id,
        deduplicated.record.enrollment_id,
        deduplicated.record.user_id,
        deduplicated.record.collected_at,
        {{ paris_date('deduplicated.record.collected_at') }} as collected_on,
        deduplicated.record.situation,
        deduplicated.record.contract_type,
        deduplicated.record.job_started_on,
        deduplicated.record.is_related_to_path,
        deduplicated.source_file
    from deduplicated
)

select * from final
