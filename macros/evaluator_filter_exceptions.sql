{% macro default__filter_exceptions() %}
    {#- dbt-project-evaluator's own filter, without its "skip when the exceptions seed is
        the package's" test: the evaluate-project tool loads our
        dbt_project_evaluator_exceptions.csv as the package's seed. -#}
    {% set query_filters %}
    select
        column_name,
        id_to_exclude
    from {{ ref('dbt_project_evaluator_exceptions') }}
    where fct_name = '{{ model.name }}'
    {% endset %}
    {% if execute and flags.WHICH not in ['compile'] %}
        where 1 = 1
        {% for row_filter in run_query(query_filters) %}
            and {{ row_filter[0] }} not like '{{ row_filter[1] }}'
        {% endfor %}
    {% endif %}
{% endmacro %}
