{% macro paris_date(expr) -%}
    {#- G-1: the Europe/Paris calendar date of a naive timestamp holding UTC.
        The only place the reporting time zone is applied. -#}
    {{ return(adapter.dispatch('paris_date', 'impact_warehouse')(expr)) }}
{%- endmacro %}

{% macro default__paris_date(expr) -%}
    cast(({{ expr }} at time zone 'UTC') at time zone 'Europe/Paris' as date)
{%- endmacro %}

{% macro duckdb__paris_date(expr) -%}
    {#- The time zone database's answer (default__, ICU) costs ~150 ns per value: seconds
        per build on the logins. From 1996 to 2099, Europe/Paris follows the EU rule:
        UTC+2 from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00
        UTC, else UTC+1, every change on a whole UTC hour. So the Paris date is the UTC
        date, plus one day at 23:00-23:59 UTC, and at 22:00-22:59 UTC on the days of
        summer time (from the last Sunday of March, inclusive, to the last Sunday of
        October, exclusive: its 22:00 UTC is already winter time). Outside those years,
        the time zone database. A test compares both on every hour from 1990 to 2110
        (assert_paris_date_follows_the_time_zone_database). -#}
    (case
        when {{ expr }} >= timestamp '1996-01-01' and {{ expr }} < timestamp '2100-01-01'
            then cast({{ expr }} as date) + case
                when hour({{ expr }}) = 23 then 1
                when
                    hour({{ expr }}) = 22
                    and cast({{ expr }} as date) >= make_date(year({{ expr }}), 3, 31)
                    - cast(dayofweek(make_date(year({{ expr }}), 3, 31)) as integer)
                    and cast({{ expr }} as date) < make_date(year({{ expr }}), 10, 31)
                    - cast(dayofweek(make_date(year({{ expr }}), 10, 31)) as integer)
                    then 1
                else 0
            end
        else {{ default__paris_date(expr) }}
    end)
{%- endmacro %}

{% macro spark__paris_date(expr) -%}
    to_date(from_utc_timestamp({{ expr }}, 'Europe/Paris'))
{%- endmacro %}
