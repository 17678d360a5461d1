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

final as (
    select
        cast(year as integer) as year,
        cast(segment as {{ dbt.type_string() }}) as segment,
        outcome_type,
        -- G-9: small cells hidden
        case
            when n_outcomes >= {{ var('min_cell_size') }}
                then cast(n_outcomes as bigint)
        end as outcomes,
        n_outcomes < {{ var('min_cell_size') }} as is_suppressed
    from by_segment
)

select * from final
