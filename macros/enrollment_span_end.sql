{% macro enrollment_span_end(graduated_on, ended_on, expected_end_on) -%}
    {#- M-CAR-2: an enrolment covers a date from started_on to
        coalesce(graduated_on, ended_on, expected_end_on) + 12 months, inclusive. -#}
    {{ months_later('coalesce(' ~ graduated_on ~ ', ' ~ ended_on ~ ', ' ~ expected_end_on ~ ')', 12) }}
{%- endmacro %}
