with

base as (
    select * from {{ ref('base_platform__student_profiles') }}
),

deduplicated as (
    -- G-3: append-only export, a repeated profile_id is an exact copy and counts once
    -- (copies that differ are quarantined as contradictions)
    select base.*
    from base
    where not base.is_quarantined
    qualify row_number() over (
            partition by base.record.profile_id order by base.source_file
        ) = 1
),

final as (
    select
        deduplicated.record.profile_id,
        deduplicated.record.user_id,
        deduplicated.record.enrollment_id,
        deduplicated.record.collected_at,
        {{ paris_date('deduplicated.record.collected_at') }} as collected_on,
        deduplicated.record.employment_status,
        deduplicated.record.highest_qualification,
        deduplicated.record.disability_answer,
        deduplicated.record.refugee_answer,
        deduplicated.source_file
    from deduplicated
)

select * from final
