-- G-1: the macro paris_date gives the Europe/Paris date of the time zone database on
-- every day from 1990 to 2110 (on DuckDB it computes the EU summer-time rule for
-- 1996-2099 instead of asking the database, which costs seconds per build on the
-- logins). A Paris date can differ from the UTC date only late in the UTC evening, so
-- each day is checked at the instants around midnight, 22:00 and 23:00 UTC and the
-- changes of time (01:00 UTC), and at noon. Rows returned are instants where the two
-- differ.
{{ config(enabled=(target.type == 'duckdb')) }}

with

days as (
    select unnest(generate_series(
        timestamp '1990-01-01', timestamp '2110-12-31', interval 1 day
    )) as day_start
),

offsets as (
    select offsets.minutes
    from (
        values (0), (59), (60), (61), (720), (1319), (1320), (1350), (1379), (1380), (1439)
    ) as offsets (minutes)
),

instants as (
    select days.day_start + to_minutes(offsets.minutes) as instant
    from days
    cross join offsets
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
