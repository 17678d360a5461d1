-- One row per career-outcome declaration of a real user (G-2), with each M-CAR
-- test and why it counts or not. Ids are keyed pseudonyms (doc block
-- pseudonymised_ids).
with

declarations as (
    select * from {{ ref('int_declarations_counted') }}
),

final as (
    select
        {{ pseudonym('declaration_id') }} as declaration_id,
        {{ pseudonym('user_id') }} as user_id,
        declared_at,
        declared_on,
        declared_year,
        outcome_type,
        channel,
        is_positive_outcome,
        has_credited_openclassrooms,
        is_qualifying,
        is_user_deleted_at_declaration,
        has_recent_login,
        has_covering_enrollment,
        is_active_user,
        segment,
        is_counted,
        counting_reason
    from declarations
)

select * from final
