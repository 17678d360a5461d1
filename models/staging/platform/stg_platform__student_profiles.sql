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
    qualify row_number() over (partition by profile_id order by source_file) = 1
),

final as (
    select
        profile_id,
        user_id,
        enrollment_id,
        collected_at,
        {{ paris_date('collected_at') }} as collected_on,
        employment_status,
        highest_qualification,
        disability_answer,
        refugee_answer,
        source_file
    from deduplicated
)

select * from final
