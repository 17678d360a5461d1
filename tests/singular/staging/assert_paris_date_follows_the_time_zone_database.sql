-- G-1: the macro paris_date gives the Europe/Paris date of the time zone database for
-- every half hour from 1990 to 2110 (on DuckDB it computes the EU summer-time rule for
-- 1996-2099 instead of asking the database, which costs seconds per build on the
-- logins). Rows returned are instants where the two differ.
{{ config(enabled=(target.type == 'duckdb')) }}

with

instants as (
    select unnest(generate_series(
        timestamp '1990-01-01', timestamp '2110-12-31', interval 30 minute
    )) as instant
),

compared as (
    select
        instant,
        {{ paris_date('instant') }} as paris_on,
        {{ default__paris_date('instant') }} as time_zone_database_on
    from instants
)

select *
from compared
where paris_on <> time_zone_database_on
