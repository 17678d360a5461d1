-- M-CAR-3: two counted career outcomes of the same person are at least 12 calendar
-- months apart (Paris dates), and the first qualifying declaration of an active
-- user always counts. Rows returned are violations.
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
    select
        user_id,
        declaration_id,
        is_counted
    from declarations
    where is_qualifying and is_active_user
    qualify row_number() over (
            partition by user_id
            order by declared_at, declaration_id
        ) = 1
),

first_not_counted as (
    select
        user_id,
        declaration_id,
        'first candidate not counted' as violation
    from first_candidates
    where not is_counted
)

select * from too_close
union all
select * from first_not_counted
