{% macro valid_calendar_date(year, month, day) -%}
    {#- True when year-month-day is a date of the Gregorian calendar (2024-02-30 is not). -#}
    {%- set leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 -%}
    {%- set days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] -%}
    {{ return(1 <= month <= 12 and 1 <= day <= days[month - 1]) }}
{%- endmacro %}
