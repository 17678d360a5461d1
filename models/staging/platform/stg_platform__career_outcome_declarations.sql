with

base as (
    select * from {{ ref('base_platform__career_outcome_declarations') }}
),

deduplicated as (
    -- G-3: append-only export, a repeated declaration_id is an exact copy and counts once
    -- (copies that differ are quarantined as contradictions)
    select base.*
    from base
    where not base.is_quarantined
    qualify row_number() over (
            partition by base.record.declaration_id order by base.source_file
        ) = 1
),

final as (
    select
        deduplicated.record.declaration_id,
        deduplicated.record.user_id,
        deduplicated.record.declared_at,
        {{ paris_date('deduplicated.record.declared_at') }} as declared_on,
        deduplicated.record.outcome_type,
        deduplicated.record.has_credited_openclassrooms,
        deduplicated.record.channel,
        deduplicated.record.has_comment,
        deduplicated.source_file
    from deduplicated
)

select * from final
