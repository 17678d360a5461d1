-- M-CAR-3: once per 12 months, as a chain. Per user, the qualifying declarations
-- of active users are ordered by declared_at then declaration_id; the first
-- counts, and each next one counts only on or after the Paris date of the last
-- COUNTED one plus 12 calendar months (Feb 29 + 12 months = Feb 28). Jan 1,
-- Jul 1, Jan 2 of the next year count twice (Jan 1 and Jan 2).
-- Portable: the successor of each candidate is found with a join, then a
-- recursive CTE walks successors from each user's first candidate (DuckDB;
-- Spark >= 4.1 has WITH RECURSIVE).
with recursive

declarations as (
    select * from {{ ref('int_declarations_assessed') }}
),

candidates as (
    select
        user_id,
        declaration_id,
        declared_on,
        row_number() over (
            partition by user_id
            order by declared_at, declaration_id
        ) as candidate_rank
    from declarations
    where is_qualifying and is_active_user
),

successors as (
    -- the first later candidate at least 12 calendar months after this one; the
    -- ranks follow declared_at, whose Paris dates never go backwards
    select
        candidates.user_id,
        candidates.candidate_rank,
        min(later.candidate_rank) as successor_rank
    from candidates
    left join candidates as later
        on
            candidates.user_id = later.user_id
            and candidates.candidate_rank < later.candidate_rank
            and later.declared_on >= {{ months_later('candidates.declared_on', 12) }}
    group by
        candidates.user_id,
        candidates.candidate_rank
),

counted_chain (user_id, candidate_rank) as (
    select
        user_id,
        candidate_rank
    from candidates
    where candidate_rank = 1

    union all

    select
        successors.user_id,
        successors.successor_rank as candidate_rank
    from counted_chain
    inner join successors
        on
            counted_chain.user_id = successors.user_id
            and counted_chain.candidate_rank = successors.candidate_rank
    where successors.successor_rank is not null
),

counted as (
    select
        candidates.declaration_id,
        candidates.declared_on
    from candidates
    inner join counted_chain
        on
            candidates.user_id = counted_chain.user_id
            and candidates.candidate_rank = counted_chain.candidate_rank
),

final as (
    select
        declarations.declaration_id,
        declarations.user_id,
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
        candidates.candidate_rank,
        counted.declaration_id is not null as is_counted,
        -- why the declaration counts or not, first failing rule first
        case
            when not declarations.is_positive_outcome then 'not_positive_outcome'
            when not declarations.has_credited_openclassrooms then 'not_credited'
            when declarations.is_user_deleted_at_declaration then 'user_deleted'
            when not declarations.is_active_user then 'user_inactive'
            when counted.declaration_id is null then 'within_12_months_of_counted'
            else 'counted'
        end as counting_reason
    from declarations
    left join candidates
        on declarations.declaration_id = candidates.declaration_id
    left join counted
        on declarations.declaration_id = counted.declaration_id
)

select * from final
