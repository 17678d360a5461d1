with

base as (
    select * from {{ ref('base_platform__student_profiles') }}
),

deduplicated as (
    -- G-3: append-only export, a repeated profile_id is an exact copy and counts once
    -- (copies that differ are quarantined as contradictions)
    select *
    from base
    where not is_quarantined
    qualify row_number() over (partition by record.profile_id order by source_file) = 1
),

final as (
    select
        record.profile_id as profile_id,
        record.user_id as user_id,
        record.enrollment_id as enrollment_id,
        record.collected_at as collected_at,
        {{ paris_date('record.collected_at') }} as collected_on,
        record.employment_status as employment_status,
        record.highest_qualification as highest_qualification,
        record.disability_answer as disability_answer,
        record.refugee_answer as refugee_answer,
        source_file
    from deduplicated
)

select * from final
