-- MARTS.md: each mart has exactly one row per its grain. Rows returned are
-- duplicated grain keys.
{%- set grains = {
    'impact_indicators': ['indicator', 'year', 'segment'],
    'impact_report': ['indicator', 'year', 'segment'],
    'student_demographics': ['year', 'category'],
    'students_by_country': ['year', 'country_code'],
    'career_outcomes': ['year', 'segment', 'outcome_type'],
    'free_user_reach': ['year'],
} %}
{%- for model, keys in grains.items() %}
    select
        '{{ model }}' as model_name,
        count(*) as n_rows
    from {{ ref(model) }}
    group by {{ keys | join(', ') }}
    having count(*) > 1
    {% if not loop.last %}union all{% endif %}
{%- endfor %}
