with

base as (
    select * from {{ ref('base_platform__career_outcome_declarations') }}
),

deduplicated as (
    -- G-3: append-only export, a repeated declaration_id is an exact copy and counts once
    -- (copies that differ are quarantined as contradictions)
    select *
    from base
    where not is_quarantined
    qualify row_number() over (partition by record.declaration_id order by source_file) = 1
),

final as (
    select
        record.declaration_id as declaration_id,
        record.user_id as user_id,
        record.declared_at as declared_at,
        {{ paris_date('record.declared_at') }} as declared_on,
        record.outcome_type as outcome_type,
        record.has_credited_openclassrooms as has_credited_openclassrooms,
        record.channel as channel,
        record.has_comment as has_comment,
        source_file
    from deduplicated
)

select * from final
