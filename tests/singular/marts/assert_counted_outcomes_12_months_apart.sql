-- M-CAR-3: two counted career outcomes of the same person are at least 12 calendar
-- months apart (Paris dates), and the first qualifying declaration of an active
-- user always counts (one of them, when several tie). Rows returned are violations.
with

declarations as (
    select * from {{ ref('fct_career_outcome_declarations') }}
),

counted as (
    select
        user_id,
        declaration_id,
        declared_on,
        lag(declared_on) over (
            partition by user_id
            order by declared_at, declaration_id
        ) as previous_counted_on
    from declarations
    where is_counted
),

too_close as (
    select
        user_id,
        declaration_id,
        'counted within 12 months of the previous counted one' as violation
    from counted
    where declared_on < {{ months_later('previous_counted_on', 12) }}
),

first_candidates as (
    -- the earliest qualifying declarations of each active user, ties included: the
    -- mart's ids are pseudonyms, so they cannot break a tie the way the platform ids do
    select
        user_id,
        declaration_id,
        is_counted
    from declarations
    where is_qualifying and is_active_user
    qualify rank() over (
            partition by user_id
            order by declared_at
        ) = 1
),

first_not_counted as (
    select
        user_id,
        min(declaration_id) as declaration_id,
        'first candidate not counted' as violation
    from first_candidates
    group by user_id
    having max(case when is_counted then 1 else 0 end) = 0
)

select * from too_close
union all
select * from first_not_counted
