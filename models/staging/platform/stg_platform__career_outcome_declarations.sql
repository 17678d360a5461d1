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
    qualify row_number() over (partition by declaration_id order by source_file) = 1
),

final as (
    select
        declaration_id,
        user_id,
        declared_at,
        {{ paris_date('declared_at') }} as declared_on,
        outcome_type,
        has_credited_openclassrooms,
        channel,
        has_comment,
        source_file
    from deduplicated
)

select * from final
