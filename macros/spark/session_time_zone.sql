{% macro assert_session_time_zone_utc() -%}
    {#- on-run-start guard (issue 13): G-1 turns UTC instants into Paris dates, and a
        Spark session in another time zone shifts them silently. Stops the run unless
        the session time zone is UTC. Renders no SQL. -#}
    {%- if execute -%}
        {%- set zone = run_query(
            adapter.dispatch('session_time_zone_sql', 'impact_warehouse')()
        ).columns[0].values()[0] | string -%}
        {%- if zone | trim | upper not in ('UTC', 'ETC/UTC', 'Z', '+00:00') -%}
            {{ exceptions.raise_compiler_error(
                "The " ~ target.type ~ " session time zone is '" ~ zone ~ "', not UTC: Paris"
                ~ " dates (G-1) would shift. Use the targets of profiles.yml, which set it"
                ~ " (`TimeZone: UTC` on duckdb, `spark.sql.session.timeZone: UTC` on spark)."
            ) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{% macro default__session_time_zone_sql() -%}
    select current_setting('TimeZone') as time_zone
{%- endmacro %}

{% macro spark__session_time_zone_sql() -%}
    select current_timezone() as time_zone
{%- endmacro %}
