-- The published figures beside the computed ones, one row per published figure.
with

published_figures as (
    select * from {{ ref('published_figures') }}
),

indicators as (
    select * from {{ ref('impact_indicators') }}
),

final as (
    select
        published_figures.indicator,
        published_figures.year,
        published_figures.segment,
        published_figures.unit,
        indicators.value as computed_value,
        published_figures.value as published_value,
        indicators.value - published_figures.value as difference,
        indicators.status,
        coalesce(indicators.is_suppressed, false) as is_suppressed,
        published_figures.note
    from published_figures
    left join indicators
        on
            published_figures.indicator = indicators.indicator
            and published_figures.year = indicators.year
            and published_figures.segment = indicators.segment
)

select * from final
