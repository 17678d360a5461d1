-- M-CAR-1, M-CAR-2, M-CAR-4: every career-outcome declaration of a real user (G-2)
-- with whether it qualifies, whether its author was active, and the author's
-- segment on the declaration date. M-CAR-3 (the 12-month chain) comes next.
with

declarations as (
    select * from {{ ref('stg_platform__career_outcome_declarations') }}
),

users as (
    select * from {{ ref('int_users_filtered') }}
),

enrollments as (
    select * from {{ ref('int_enrollments_filtered') }}
),

logins_daily as (
    select * from {{ ref('int_logins_daily') }}
),

outcome_types as (
    select * from {{ ref('career_outcome_types') }}
),

declared as (
    select
        declarations.declaration_id,
        declarations.user_id,
        declarations.declared_at,
        -- G-1: declared_on is the Paris date of declared_at (staging)
        declarations.declared_on,
        {{ year_of('declarations.declared_on') }} as declared_year,
        declarations.outcome_type,
        declarations.channel,
        -- M-CAR-1: the outcome_type reference lists the positive outcomes
        coalesce(outcome_types.is_positive, false) as is_positive_outcome,
        -- an empty answer is not a yes
        coalesce(
            declarations.has_credited_openclassrooms, false
        ) as has_credited_openclassrooms,
        -- M-CAR-2: deleted before the declaration time
        coalesce(users.deleted_at <= declarations.declared_at, false)
            as is_user_deleted_at_declaration
    from declarations
    inner join users
        on declarations.user_id = users.user_id
    left join outcome_types
        on declarations.outcome_type = outcome_types.outcome_type
),

recent_logins as (
    -- M-CAR-2: a login whose Paris date lies in [declared_on - 365 days, declared_on]
    select distinct declared.declaration_id
    from declared
    inner join logins_daily
        on
            declared.user_id = logins_daily.user_id
            and declared.declared_on >= logins_daily.activity_on
            and logins_daily.activity_on
            >= cast({{ dbt.dateadd('day', -365, 'declared.declared_on') }} as date)
),

covering_enrollments as (
    -- M-CAR-2, M-CAR-4: enrolments whose span covers the declaration date
    select
        declared.declaration_id,
        max(
            case when enrollments.funding_type = 'apprenticeship' then 1 else 0 end
        ) = 1 as has_covering_apprenticeship
    from declared
    inner join enrollments
        on
            declared.user_id = enrollments.user_id
            and declared.declared_on >= enrollments.started_on
            and declared.declared_on <= enrollments.span_end_on
    group by declared.declaration_id
),

final as (
    select
        declared.declaration_id,
        declared.user_id,
        declared.declared_at,
        declared.declared_on,
        declared.declared_year,
        declared.outcome_type,
        declared.channel,
        declared.is_positive_outcome,
        declared.has_credited_openclassrooms,
        -- M-CAR-1
        declared.is_positive_outcome
        and declared.has_credited_openclassrooms as is_qualifying,
        declared.is_user_deleted_at_declaration,
        recent_logins.declaration_id is not null as has_recent_login,
        covering_enrollments.declaration_id is not null as has_covering_enrollment,
        -- M-CAR-2: not deleted, and a recent login or a covering enrolment
        not declared.is_user_deleted_at_declaration
        and (
            recent_logins.declaration_id is not null
            or covering_enrollments.declaration_id is not null
        ) as is_active_user,
        -- M-CAR-4: apprentice first, then student, else free user
        case
            when covering_enrollments.has_covering_apprenticeship then 'apprentice'
            when covering_enrollments.declaration_id is not null then 'student'
            else 'free_user'
        end as segment
    from declared
    left join recent_logins
        on declared.declaration_id = recent_logins.declaration_id
    left join covering_enrollments
        on declared.declaration_id = covering_enrollments.declaration_id
)

select * from final
