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
    qualify row_number() over (partition by record.response_id order by source_file) = 1
),

final as (
    select
        record.response_id as response_id,
        record.enrollment_id as enrollment_id,
        record.user_id as user_id,
        record.collected_at as collected_at,
        {{ paris_date('record.collected_at') }} as collected_on,
        record.situation as situation,
        record.contract_type as contract_type,
        record.job_started_on as job_started_on,
        record.is_related_to_path as is_related_to_path,
        source_file
    from deduplicated
)

select * from final
