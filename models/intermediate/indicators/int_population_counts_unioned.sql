-- Every population model in its fixed contract (population, year, segment,
-- dimension, group_name, count_name, n), unioned: the counts the indicator registry names. A new
-- population is one more name in this list (Tuva-style: the union of the long
-- models).
{%- set population_models = [
    'int_applicants_counted',
    'int_graduation_cohort_counted',
    'int_graduates_counted',
    'int_career_outcomes_counted',
    'int_students_counted',
    'int_free_users_counted',
    'int_free_user_countries_counted',
] %}

with

{% for population_model in population_models %}
    {{ population_model }} as (
        select * from {{ ref(population_model) }}
    ),
{% endfor %}

final as (
    {%- for population_model in population_models %}
        select
            population,
            year,
            segment,
            dimension,
            group_name,
            count_name,
            n
        from {{ population_model }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select * from final
