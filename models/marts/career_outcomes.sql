-- M-CAR-3, M-CAR-4: one row per year, segment (apprentice, student, free_user and
-- all) and outcome type: the counted positive career outcomes.
with

declarations as (
    select * from {{ ref('int_declarations_counted') }}
),

counted as (
    select
        declared_year as year,
        segment,
        outcome_type
    from declarations
    where is_counted
),

by_segment as (
    select
        year,
        segment,
        outcome_type,
        count(*) as n_outcomes
    from counted
    group by
        year,
        segment,
        outcome_type

    union all

    select
        year,
        'all' as segment,
        outcome_type,
        count(*) as n_outcomes
    from counted
    group by
        year,
        outcome_type
),

judged as (
    select
        *,
        -- G-9: small cells hidden
        {{ is_small_cell(['n_outcomes']) }} as is_suppressed
    from by_segment
),

final as (
    select
        cast(year as integer) as year,
        cast(segment as {{ dbt.type_string() }}) as segment,
        outcome_type,
        case when not is_suppressed then cast(n_outcomes as bigint) end as outcomes,
        is_suppressed
    from judged
)

select * from final
