-- One row per career-outcome declaration of a real user (G-2), with each M-CAR
-- test and why it counts or not, and the status (G-7) of the career-outcome figures
-- of its year as impact_indicators publishes them. Ids are keyed pseudonyms (doc
-- block pseudonymised_ids).
with

declarations as (
    select * from {{ ref('int_declarations_counted') }}
),

judged as (
    select * from {{ ref('int_indicators_judged') }}
),

career_statuses as (
    -- G-8: no row for a year impact_indicators does not publish
    select
        year,
        status
    from judged
    where
        indicator = 'career_outcomes'
        and segment = 'all'
        and dimension = 'all'
),

final as (
    select
        {{ pseudonym('declarations.declaration_id') }} as declaration_id,
        {{ pseudonym('declarations.user_id') }} as user_id,
        declarations.declared_at,
        declarations.declared_on,
        declarations.declared_year,
        declarations.outcome_type,
        declarations.channel,
        declarations.is_positive_outcome,
        declarations.has_credited_openclassrooms,
        declarations.is_qualifying,
        declarations.is_user_deleted_at_declaration,
        declarations.has_recent_login,
        declarations.has_covering_enrollment,
        declarations.is_active_user,
        declarations.segment,
        declarations.is_counted,
        declarations.counting_reason,
        career_statuses.status as declared_year_status
    from declarations
    left join career_statuses
        on declarations.declared_year = career_statuses.year
)

select * from final
