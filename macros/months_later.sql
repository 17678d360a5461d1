{% macro months_later(date_expr, n_months) -%}
    {#- M-PLA-2, M-CAR-3, M-CAR-2: add calendar months with an end-of-month clamp
        (2023-08-31 + 6 = 2024-02-29; 2024-02-29 + 12 = 2025-02-28).
        dbt.dateadd clamps on DuckDB (interval arithmetic) and on Spark
        (add_months); the result is cast back to a date. -#}
    cast({{ dbt.dateadd('month', n_months, date_expr) }} as date)
{%- endmacro %}
