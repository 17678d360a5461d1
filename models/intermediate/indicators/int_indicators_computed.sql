-- Every indicator of the registry for every year its population has, in total and by
-- the groups of the registry's dimensions (M-GRP-2) and, for a mix-adjusted rate, by
-- M-VA-1 cell; unsuppressed and without status: one row per (indicator, year,
-- segment, dimension, group_name), the total being dimension `all`. The registry
-- says which counts are the numerator and the denominator, how the value follows from
-- them (its unit), which count G-9 judges, when the figure is final (G-7) and which
-- breakdowns exist; no indicator is named here.
with

indicator_registry as (
    select * from {{ ref('indicator_registry') }}
),

population_counts as (
    select * from {{ ref('int_population_counts_unioned') }}
),

registry as (
    -- an empty optional count is no count (a seed loads it as NULL, a unit-test
    -- fixture read from the same CSV as '')
    select
        indicator,
        unit,
        population,
        numerator_count,
        nullif(denominator_count, '') as denominator_count,
        denominator_year_offset,
        nullif(suppression_count, '') as suppression_count,
        finalisation_month_day,
        segments,
        coalesce(dimensions, '') as dimensions,
        mix_adjusted
    from indicator_registry
),

numerators as (
    -- the numerator count in every year, published segment and breakdown of the
    -- population
    select
        registry.indicator,
        registry.unit,
        registry.population,
        registry.denominator_count,
        registry.denominator_year_offset,
        registry.suppression_count,
        registry.finalisation_month_day,
        population_counts.year,
        population_counts.segment,
        population_counts.dimension,
        population_counts.group_name,
        population_counts.n as numerator
    from registry
    inner join population_counts
        on
            registry.population = population_counts.population
            and registry.numerator_count = population_counts.count_name
            -- segments and dimensions: space-separated lists
            and {{ dbt.position(
                "' ' || population_counts.segment || ' '",
                "' ' || registry.segments || ' '"
            ) }} > 0
            and (
                population_counts.dimension = 'all'
                -- M-GRP-2: the breakdowns the registry declares
                or {{ dbt.position(
                    "' ' || population_counts.dimension || ' '",
                    "' ' || registry.dimensions || ' '"
                ) }} > 0
                -- M-VA-1: the cells of a mix-adjusted rate
                or (registry.mix_adjusted and population_counts.dimension = 'mix_cell')
            )
),

counted as (
    select
        numerators.*,
        denominators.n as denominator,
        suppression_counts.n as suppression_n
    from numerators
    left join population_counts as denominators
        on
            numerators.population = denominators.population
            and numerators.denominator_count = denominators.count_name
            and numerators.segment = denominators.segment
            and numerators.dimension = denominators.dimension
            and numerators.group_name = denominators.group_name
            -- M-ORI-3: applicants_growth divides by the count of the previous year
            and numerators.year + numerators.denominator_year_offset = denominators.year
    left join population_counts as suppression_counts
        on
            numerators.population = suppression_counts.population
            and numerators.suppression_count = suppression_counts.count_name
            and numerators.segment = suppression_counts.segment
            and numerators.dimension = suppression_counts.dimension
            and numerators.group_name = suppression_counts.group_name
            and numerators.year = suppression_counts.year
    -- a rate has a row only where its denominator was counted (a growth only
    -- when the previous year has data)
    where
        numerators.denominator_count is null
        or denominators.n is not null
),

final as (
    select
        cast(indicator as {{ dbt.type_string() }}) as indicator,
        cast(year as integer) as year,
        cast(segment as {{ dbt.type_string() }}) as segment,
        cast(dimension as {{ dbt.type_string() }}) as dimension,
        cast(group_name as {{ dbt.type_string() }}) as group_name,
        cast(numerator as bigint) as numerator,
        cast(denominator as bigint) as denominator,
        -- G-6: shares unrounded, NULL on a zero denominator; a ratio is the change
        -- on the earlier year (+190% is 1.90)
        case
            when unit = 'count' then cast(numerator as double)
            when unit = 'ratio'
                then {{ safe_ratio('numerator', 'denominator') }} - 1
            else {{ safe_ratio('numerator', 'denominator') }}
        end as value,
        cast(unit as {{ dbt.type_string() }}) as unit,
        -- G-9: the individuals the cell is built from: the smaller of its counts,
        -- or the registry's suppression count
        cast(
            case
                when suppression_count is not null then suppression_n
                when denominator is null or numerator < denominator then numerator
                else denominator
            end as bigint
        ) as cell_size,
        -- G-7: final from the registry's month-day of Y+1
        cast(
            {{ dbt.concat([
                'cast(year + 1 as ' ~ dbt.type_string() ~ ')',
                "'-'",
                'finalisation_month_day',
            ]) }} as date
        ) as finalised_on
    from counted
)

select * from final
