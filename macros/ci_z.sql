{% macro ci_z() -%}
    {#- M-CI-1, M-CI-2: the two-sided 95% normal quantile of the methodology, as a
        double (a bare 1.959964 is a decimal literal on DuckDB and Spark). -#}
    cast(1.959964 as double)
{%- endmacro %}
