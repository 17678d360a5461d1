"""Independent check of the generator's truth: recount indicators from the FILES with DuckDB
SQL (G-1 Paris dates, G-2 test accounts, G-3 latest version / exact copies, G-5 cancelled)
and compare every numerator and denominator with `_generator_manifest.json`.

This is a second implementation of docs/methodology.md, written from the spec and the export
contract only (no generator internals), so a generator bug shows up before the warehouse
helper's end-to-end test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

import generator_fixtures as fx
from generator_fixtures import connect, truth_index
from impact_warehouse.generator import countries as C

gen_raw = fx.gen_raw  # session fixtures, shared by the generator tests
gen_manifest = fx.gen_manifest  # session fixtures, shared by the generator tests
YEARS = range(2019, 2025)
JOBS = "('employed', 'self_employed', 'business_creation', 'apprenticeship')"
POSITIVE = (
    "('new_job', 'new_internship', 'new_apprenticeship', 'business_creation', 'promotion', "
    "'salary_increase', 'internal_mobility')"
)
TRUE = "('true', '1', 'yes')"


@pytest.fixture(scope="module")
def con(gen_raw: Path) -> duckdb.DuckDBPyConnection:
    c = connect(gen_raw)
    latest = {
        "users": "user_id",
        "paths": "path_id",
        "applications": "application_id",
        "enrollments": "enrollment_id",
        "addresses": "address_id",
    }
    for export, key in latest.items():
        # G-3: greatest updated_at, then the file whose name sorts last
        c.execute(
            f"create table {export} as select * exclude (filename) from raw_{export} "
            f"qualify row_number() over (partition by upper(trim({key})) "
            "order by cast(updated_at as timestamptz) desc, filename desc) = 1"
        )
    for export in ("student_profiles", "job_outcomes", "career_outcome_declarations"):
        c.execute(
            f"create table {export} as select distinct * exclude (filename) from raw_{export}"
        )
    c.execute(
        "create table test_users as select cast(user_id as bigint) as user_id from users "
        f"where lower(trim(is_test_account)) in {TRUE}"
    )
    c.execute(
        "create table live_enrollments as select cast(enrollment_id as bigint) as enrollment_id, "
        "cast(user_id as bigint) as user_id, upper(trim(path_id)) as path_id, "
        "cast(application_id as bigint) as application_id, lower(trim(funding_type)) as funding, "
        "cast(started_on as date) as started_on, cast(expected_end_on as date) as expected_end_on, "
        "cast(graduated_on as date) as graduated_on, "
        "cast(cast(coalesce(graduated_on, ended_on, expected_end_on) as date) "
        "+ interval 12 month as date) as span_end "
        "from enrollments where lower(trim(status)) <> 'cancelled' "
        "and cast(user_id as bigint) not in (select user_id from test_users)"
    )
    regions = ", ".join(f"('{code}', '{C.region_group(code)}')" for code in C.CODES)
    c.execute(f"create table regions as select * from (values {regions}) t(code, grp)")
    return c


def _truth(gen_manifest: dict, indicator: str, year: int, segment: str = "all") -> tuple:
    r = truth_index(gen_manifest)[(indicator, year, segment)]
    return r["numerator"], r["denominator"]


def test_applicants_and_orientation(con, gen_manifest) -> None:
    rows = con.execute(
        """
        with apps as (
            select cast(application_id as bigint) as application_id,
                   cast(user_id as bigint) as user_id,
                   year(pday(submitted_at)) as y
            from applications
            where cast(user_id as bigint) not in (select user_id from test_users)
        )
        select y, count(distinct user_id),
               count(distinct user_id) filter (where application_id in
                   (select application_id from live_enrollments where application_id is not null))
        from apps group by y order by y
        """
    ).fetchall()
    for y, n, conv in rows:
        assert _truth(gen_manifest, "applicants", y) == (n, None)
        assert _truth(gen_manifest, "orientation_rate", y) == (conv, n)


def test_graduation(con, gen_manifest) -> None:
    rows = con.execute(
        """
        select year(expected_end_on) as y,
               count(*) filter (where graduated_on <= expected_end_on),
               count(*) filter (where 2 * date_diff('day', started_on, graduated_on)
                                   <= 3 * date_diff('day', started_on, expected_end_on)),
               count(*)
        from live_enrollments group by y order by y
        """
    ).fetchall()
    rows = [r for r in rows if r[0] <= 2024]  # G-8: no figure after the report date's year
    assert [r[0] for r in rows] == list(YEARS)
    for y, on_time, within, n in rows:
        assert _truth(gen_manifest, "graduation_rate", y) == (on_time, n), y
        assert _truth(gen_manifest, "graduation_rate_150", y) == (within, n), y


def test_placement(con, gen_manifest) -> None:
    rows = con.execute(
        f"""
        with grads as (
            select enrollment_id, graduated_on, year(graduated_on) as y, funding
            from live_enrollments where graduated_on is not null
        ),
        responses as (
            select cast(enrollment_id as bigint) as enrollment_id,
                   lower(trim(situation)) as situation,
                   cast(job_started_on as date) as job_started_on,
                   pday(collected_at) as collected_on
            from job_outcomes
        ),
        per_graduate as (
            select g.enrollment_id, g.y, g.funding,
                   coalesce(bool_or(r.situation in {JOBS}
                       and r.job_started_on <= g.graduated_on + interval 6 month), false) as placed,
                   coalesce(bool_or(r.situation <> 'no_answer'), false) as responded
            from grads as g
            left join responses as r
                on r.enrollment_id = g.enrollment_id
                and r.collected_on <= make_date(g.y + 1, 6, 30)
            group by all
        )
        select y, count(*) filter (where placed), count(*),
               count(*) filter (where placed and funding = 'apprenticeship'),
               count(*) filter (where funding = 'apprenticeship'),
               count(*) filter (where responded)
        from per_graduate group by y order by y
        """
    ).fetchall()
    assert [r[0] for r in rows] == list(YEARS)
    for y, placed, n, placed_a, n_a, responded in rows:
        assert _truth(gen_manifest, "job_placement_rate", y) == (placed, n), y
        assert _truth(gen_manifest, "apprentice_job_placement_rate", y) == (placed_a, n_a), y
        assert _truth(gen_manifest, "placement_response_rate", y) == (responded, n), y


def test_placement_12m(con, gen_manifest) -> None:
    """M-PLA-6: as M-PLA-2 to 5 with a 12-month window (same clamp) and responses
    collected by December 31 of Y+1, over the same cohort."""
    rows = con.execute(
        f"""
        with grads as (
            select enrollment_id, graduated_on, year(graduated_on) as y
            from live_enrollments where graduated_on is not null
        ),
        responses as (
            select cast(enrollment_id as bigint) as enrollment_id,
                   lower(trim(situation)) as situation,
                   cast(job_started_on as date) as job_started_on,
                   pday(collected_at) as collected_on
            from job_outcomes
        ),
        per_graduate as (
            select g.enrollment_id, g.y,
                   coalesce(bool_or(r.situation in {JOBS}
                       and r.job_started_on <= g.graduated_on + interval 12 month), false)
                       as placed
            from grads as g
            left join responses as r
                on r.enrollment_id = g.enrollment_id
                and r.collected_on <= make_date(g.y + 1, 12, 31)
            group by all
        )
        select y, count(*) filter (where placed), count(*)
        from per_graduate group by y order by y
        """
    ).fetchall()
    assert [r[0] for r in rows] == list(YEARS)
    for y, placed, n in rows:
        assert _truth(gen_manifest, "job_placement_rate_12m", y) == (placed, n), y


def test_demographics(con, gen_manifest) -> None:
    rows = con.execute(
        """
        with firsts as (
            select * from live_enrollments
            qualify row_number() over (
                partition by user_id, year(started_on) order by started_on, enrollment_id) = 1
        ),
        profiles as (
            select cast(enrollment_id as bigint) as enrollment_id,
                   lower(trim(employment_status)) as emp,
                   lower(trim(highest_qualification)) as qual,
                   lower(trim(has_disability)) as dis, lower(trim(is_refugee)) as ref
            from student_profiles
            qualify row_number() over (partition by cast(enrollment_id as bigint)
                order by cast(collected_at as timestamptz) desc,
                         cast(profile_id as bigint) desc) = 1
        ),
        addr as (
            select f.enrollment_id, upper(trim(a.country_code)) as code,
                   lower(trim(a.geocode_precision)) as precision, a.qpv_code
            from firsts as f
            left join addresses as a on cast(a.user_id as bigint) = f.user_id
            qualify row_number() over (partition by f.enrollment_id order by
                (cast(a.valid_from as date) <= f.started_on) desc nulls last,
                case when cast(a.valid_from as date) <= f.started_on
                     then cast(a.valid_from as date) end desc nulls last,
                case when cast(a.valid_from as date) <= f.started_on
                     then cast(a.address_id as bigint) end desc nulls last,
                cast(a.valid_from as date), cast(a.address_id as bigint)) = 1
        ),
        students as (
            select year(f.started_on) as y,
                   coalesce(p.emp = 'unemployed', false) as unemployed,
                   coalesce(p.qual in ('none', 'cap_bep', 'bac'), false) as low,
                   coalesce(p.ref = 'yes', false) as refugee,
                   coalesce(p.dis = 'yes', false) as disability,
                   coalesce(r.grp, 'Unknown') as grp,
                   coalesce(r.grp = 'France' and a.precision = 'housenumber', false) as fr_exact,
                   coalesce(r.grp = 'France' and a.precision = 'housenumber'
                            and a.qpv_code is not null, false) as qpv,
                   lower(trim(pa.domain)) in ('cybersecurity', 'data', 'design', 'development',
                       'project management', 'supply chain', 'system and network') as tech,
                   coalesce(lower(trim(u.gender)) = 'female', false) as female
            from firsts as f
            left join profiles as p using (enrollment_id)
            left join addr as a using (enrollment_id)
            left join regions as r on r.code = a.code
            left join paths as pa on upper(trim(pa.path_id)) = f.path_id
            left join users as u on cast(u.user_id as bigint) = f.user_id
        )
        select y, count(*), count(*) filter (where unemployed), count(*) filter (where low),
               count(*) filter (where refugee), count(*) filter (where disability),
               count(*) filter (where qpv), count(*) filter (where fr_exact),
               count(*) filter (where unemployed or low or refugee or disability or qpv),
               count(*) filter (where grp = 'France'), count(*) filter (where grp = 'Africa'),
               count(*) filter (where grp = 'Europe'),
               count(*) filter (where grp = 'Rest of the world'),
               count(*) filter (where tech and female), count(*) filter (where tech)
        from students group by y order by y
        """
    ).fetchall()
    assert [r[0] for r in rows] == list(YEARS)
    for y, n, un, low, ref, dis, qpv, fr_exact, anyu, fr, af, eu, ow, wt, tech in rows:
        assert _truth(gen_manifest, "share_unemployed", y) == (un, n)
        assert _truth(gen_manifest, "share_low_qualification", y) == (low, n)
        assert _truth(gen_manifest, "share_refugee", y) == (ref, n)
        assert _truth(gen_manifest, "share_disability", y) == (dis, n)
        assert _truth(gen_manifest, "share_underserved_area", y) == (qpv, fr_exact)
        assert _truth(gen_manifest, "share_any_underserved", y) == (anyu, n)
        assert _truth(gen_manifest, "share_residing_in_france", y) == (fr, n)
        assert _truth(gen_manifest, "share_region_africa", y) == (af, n)
        assert _truth(gen_manifest, "share_region_europe", y) == (eu, n)
        assert _truth(gen_manifest, "share_region_rest_of_world", y) == (ow, n)
        assert _truth(gen_manifest, "share_women_in_tech", y) == (wt, tech)


def test_free_users_and_countries(con, gen_manifest) -> None:
    con.execute(
        """
        create or replace table login_years as
        select user_id, year(cast(timezone('Europe/Paris', cast(logged_in_at as timestamptz))
                                  as date)) as y,
               upper(trim(ip_country_code)) as code
        from raw_logins
        """
    )
    rows = con.execute(
        """
        with user_years as (
            select distinct user_id, y from login_years where y between 2019 and 2024
        ),
        free as (
            select uy.user_id, uy.y from user_years as uy
            where uy.user_id not in (select user_id from test_users)
              and not exists (
                  select 1 from live_enrollments as e
                  where e.user_id = uy.user_id
                    and e.started_on <= make_date(uy.y, 12, 31)
                    and e.span_end >= make_date(uy.y, 1, 1))
        )
        select f.y, count(distinct f.user_id),
               (select count(distinct l.code) from login_years as l
                join free as f2 on f2.user_id = l.user_id and f2.y = l.y
                where l.y = f.y and l.code in (select code from regions))
        from free as f group by f.y order by f.y
        """
    ).fetchall()
    assert [r[0] for r in rows] == list(YEARS)
    for y, n, countries in rows:
        assert _truth(gen_manifest, "free_users", y) == (n, None), y
        assert _truth(gen_manifest, "free_user_countries", y) == (countries, None), y
    assert rows[4][2] == 222


def _add_months(d: dt.date, k: int) -> dt.date:
    m = d.month - 1 + k
    y, m = d.year + m // 12, m % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(y, m, min(d.day, day))
        except ValueError:
            continue
    raise AssertionError


def test_career_outcomes(con, gen_manifest) -> None:
    decl = con.execute(
        f"""
        select cast(d.declaration_id as bigint), cast(d.user_id as bigint),
               cast(d.declared_at as timestamptz) as at, pday(d.declared_at)
        from career_outcome_declarations as d
        join users as u on cast(u.user_id as bigint) = cast(d.user_id as bigint)
        where lower(trim(d.credits_openclassrooms)) in {TRUE}
          and lower(trim(d.outcome_type)) in {POSITIVE}
          and cast(d.user_id as bigint) not in (select user_id from test_users)
          and (u.deleted_at is null
               or cast(u.deleted_at as timestamptz) > cast(d.declared_at as timestamptz))
        order by 2, 3, 1
        """
    ).fetchall()
    spans: dict[int, list] = {}
    for uid, s, e, f in con.execute(
        "select user_id, started_on, span_end, funding from live_enrollments "
        "where user_id in (select cast(user_id as bigint) from career_outcome_declarations)"
    ).fetchall():
        spans.setdefault(uid, []).append((s, e, f == "apprenticeship"))
    logins: dict[int, list] = {}
    for uid, d in con.execute(
        "select distinct user_id, cast(timezone('Europe/Paris', cast(logged_in_at as timestamptz))"
        " as date) from raw_logins "
        "where user_id in (select cast(user_id as bigint) from career_outcome_declarations)"
    ).fetchall():
        logins.setdefault(uid, []).append(d)
    counted: dict[tuple, int] = {}
    last: dict[int, dt.date] = {}
    for _id, uid, _at, day in decl:
        covering = [app for s, e, app in spans.get(uid, []) if s <= day <= e]
        active = bool(covering) or any(
            day - dt.timedelta(days=365) <= d <= day for d in logins.get(uid, [])
        )
        if not active or (uid in last and day < _add_months(last[uid], 12)):
            continue
        last[uid] = day
        seg = "apprentice" if any(covering) else "student" if covering else "free_user"
        counted[(day.year, seg)] = counted.get((day.year, seg), 0) + 1
    for y in YEARS:
        total = 0
        for seg in ("student", "apprentice", "free_user"):
            n = counted.get((y, seg), 0)
            total += n
            assert _truth(gen_manifest, "career_outcomes", y, seg) == (n, None), (y, seg)
        assert _truth(gen_manifest, "career_outcomes", y) == (total, None), y


# ---------------------------------------------------------------------- Part 2 (issue 11)
ANSWER = "nullif(lower(trim({})), '')"


@pytest.fixture(scope="module")
def grouped(con) -> duckdb.DuckDBPyConnection:
    """M-GRP-1 groups of every live enrolment, read from the files: the latest profile of
    the enrolment, the residence at its own start, the user's gender, the path's domain."""
    domains = [
        line.split(",")[0]
        for line in (Path(__file__).resolve().parents[2] / "seeds" / "path_domains.csv")
        .read_text()
        .splitlines()[1:]
        if line
    ]
    values = ", ".join(f"('{d}')" for d in domains)
    con.execute(f"create or replace table domains as select * from (values {values}) t(domain)")
    emp, qual, ref, dis = (
        ANSWER.format(c)
        for c in ("employment_status", "highest_qualification", "is_refugee", "has_disability")
    )
    con.execute(
        f"""
        create or replace table enrollment_groups as
        with profiles as (
            select cast(enrollment_id as bigint) as enrollment_id,
                   {emp} as emp, {qual} as qual, {ref} as ref, {dis} as dis
            from student_profiles
            qualify row_number() over (partition by cast(enrollment_id as bigint)
                order by cast(collected_at as timestamptz) desc,
                         cast(profile_id as bigint) desc) = 1
        ),
        residence as (
            select e.enrollment_id, upper(trim(a.country_code)) as code,
                   lower(trim(a.geocode_precision)) as precision,
                   nullif(trim(a.qpv_code), '') as qpv
            from live_enrollments as e
            left join addresses as a on cast(a.user_id as bigint) = e.user_id
            qualify row_number() over (partition by e.enrollment_id order by
                (cast(a.valid_from as date) <= e.started_on) desc nulls last,
                case when cast(a.valid_from as date) <= e.started_on
                     then cast(a.valid_from as date) end desc nulls last,
                case when cast(a.valid_from as date) <= e.started_on
                     then cast(a.address_id as bigint) end desc nulls last,
                cast(a.valid_from as date), cast(a.address_id as bigint)) = 1
        ),
        flat as (
            select
                e.enrollment_id,
                case when lower(trim(u.gender)) in ('female', 'male', 'non_binary')
                     then lower(trim(u.gender)) else 'unknown' end as gender,
                e.funding as funding_type,
                coalesce(d.domain, 'unknown') as path_domain,
                case when p.emp = 'unemployed' then 'yes'
                     when coalesce(p.emp, 'undisclosed') = 'undisclosed' then 'unknown'
                     else 'no' end as unemployed,
                case when p.qual in ('none', 'cap_bep', 'bac') then 'yes'
                     when coalesce(p.qual, 'undisclosed') = 'undisclosed' then 'unknown'
                     else 'no' end as low_qualification,
                case when p.ref = 'yes' then 'yes'
                     when coalesce(p.ref, 'undisclosed') = 'undisclosed' then 'unknown'
                     else 'no' end as refugee,
                case when p.dis = 'yes' then 'yes'
                     when coalesce(p.dis, 'undisclosed') = 'undisclosed' then 'unknown'
                     else 'no' end as disability,
                case when g.grp = 'France' and r.precision = 'housenumber'
                     then case when r.qpv is not null then 'yes' else 'no' end
                     else 'not_assessed' end as underserved_area,
                coalesce(g.grp, 'Unknown') as region_group
            from live_enrollments as e
            join users as u on cast(u.user_id as bigint) = e.user_id
            left join paths as pa on upper(trim(pa.path_id)) = e.path_id
            left join domains as d on lower(d.domain) = lower(trim(pa.domain))
            left join profiles as p using (enrollment_id)
            left join residence as r using (enrollment_id)
            left join regions as g on g.code = r.code
        )
        select *,
            case when 'yes' in (unemployed, low_qualification, refugee, disability,
                                underserved_area) then 'yes' else 'no' end as any_underserved,
            funding_type || ' / ' || unemployed || ' / ' || low_qualification as mix_cell
        from flat
        """
    )
    con.execute(
        f"""
        create or replace table graduate_flags as
        with responses as (
            select cast(enrollment_id as bigint) as enrollment_id,
                   lower(trim(situation)) as situation,
                   cast(job_started_on as date) as job_started_on,
                   pday(collected_at) as collected_on,
                   case when lower(trim(related_to_path)) in {TRUE} then true
                        when lower(trim(related_to_path)) in ('false', '0', 'no') then false
                   end as related
            from job_outcomes
        ),
        supported as (
            -- M-OUT-1: the status each response collected by June 30 of Y+1 supports
            select g.enrollment_id,
                   case
                       when r.situation in ('employed', 'self_employed', 'business_creation')
                            and r.job_started_on <= g.graduated_on + interval 6 month
                       then case when r.related then 1 when not r.related then 3 else 4 end
                       when r.situation = 'apprenticeship'
                            and r.job_started_on <= g.graduated_on + interval 6 month then 2
                       when r.situation in {JOBS} then 5
                       when r.situation = 'further_training' then 6
                       when r.situation = 'internship' then 7
                       when r.situation = 'job_seeking' then 8
                       when r.situation = 'inactive' then 9
                   end as status_order
            from live_enrollments as g
            join responses as r
                on r.enrollment_id = g.enrollment_id
                and r.collected_on <= make_date(year(g.graduated_on) + 1, 6, 30)
            where g.graduated_on is not null
        ),
        per_graduate as (
            select g.enrollment_id,
                   coalesce(bool_or(r.situation in {JOBS} and r.collected_on
                       <= make_date(year(g.graduated_on) + 1, 6, 30)
                       and r.job_started_on <= g.graduated_on + interval 6 month), false)
                       as placed,
                   coalesce(bool_or(r.situation <> 'no_answer' and r.collected_on
                       <= make_date(year(g.graduated_on) + 1, 6, 30)), false) as responded,
                   coalesce(bool_or(r.situation in {JOBS} and r.collected_on
                       <= make_date(year(g.graduated_on) + 1, 12, 31)
                       and r.job_started_on <= g.graduated_on + interval 12 month), false)
                       as placed_12m
            from live_enrollments as g
            left join responses as r on r.enrollment_id = g.enrollment_id
            where g.graduated_on is not null
            group by g.enrollment_id
        )
        select p.*, coalesce(min(s.status_order), 10) as status_order
        from per_graduate as p
        left join supported as s using (enrollment_id)
        group by all
        """
    )
    return con


DIMENSIONS = [
    "gender", "funding_type", "path_domain", "unemployed", "low_qualification", "refugee",
    "disability", "underserved_area", "any_underserved", "region_group",
]  # fmt: skip
OUTCOMES = [
    "employed_in_field", "apprenticeship", "employed_out_of_field", "employed_field_unknown",
    "employed_outside_window", "further_training", "internship", "job_seeking", "inactive",
    "no_response",
]  # fmt: skip


def _cells(grouped, dimension: str) -> dict[tuple, tuple]:
    """(indicator, year, group) -> (numerator, denominator) of the five enrolment rates."""
    rows = grouped.execute(
        f"""
        select 'graduation_rate', year(e.expected_end_on), g.{dimension},
               count(*) filter (where e.graduated_on <= e.expected_end_on), count(*)
        from live_enrollments as e join enrollment_groups as g using (enrollment_id)
        group by all
        union all
        select 'graduation_rate_150', year(e.expected_end_on), g.{dimension},
               count(*) filter (where 2 * date_diff('day', e.started_on, e.graduated_on)
                                   <= 3 * date_diff('day', e.started_on, e.expected_end_on)),
               count(*)
        from live_enrollments as e join enrollment_groups as g using (enrollment_id)
        group by all
        union all
        select indicator, y, grp, numerator, n
        from (
            select year(e.graduated_on) as y, g.{dimension} as grp,
                   count(*) filter (where f.placed) as job_placement_rate,
                   count(*) filter (where f.responded) as placement_response_rate,
                   count(*) filter (where f.placed_12m) as job_placement_rate_12m,
                   count(*) as n
            from live_enrollments as e join enrollment_groups as g using (enrollment_id)
            join graduate_flags as f using (enrollment_id)
            group by all
        ) unpivot (numerator for indicator in (
            job_placement_rate, placement_response_rate, job_placement_rate_12m))
        """
    ).fetchall()
    return {(r[0], r[1], r[2]): (r[3], r[4]) for r in rows if r[1] <= 2024}


def test_outcomes_by_group(grouped, gen_manifest) -> None:
    """M-GRP-1, M-GRP-2: every rate by every group of every dimension, counted in
    enrolments, and orientation_rate by gender and the first application's path domain,
    counted in applicants, equal the manifest's truth_by_group row for row."""
    recount = {}
    for dimension in DIMENSIONS:
        for (indicator, year, group), counts in _cells(grouped, dimension).items():
            recount[(indicator, year, dimension, group)] = counts
    rows = grouped.execute(
        """
        with apps as (
            select cast(application_id as bigint) as application_id,
                   cast(user_id as bigint) as user_id, upper(trim(path_id)) as path_id,
                   cast(submitted_at as timestamptz) as submitted_at,
                   year(pday(submitted_at)) as y
            from applications
            where cast(user_id as bigint) not in (select user_id from test_users)
        ),
        applicants as (
            select user_id, y,
                   bool_or(application_id in (select application_id from live_enrollments
                                              where application_id is not null)) as converted,
                   arg_min(path_id, (submitted_at, application_id)) as first_path
            from apps group by all
        )
        select a.y,
               case when lower(trim(u.gender)) in ('female', 'male', 'non_binary')
                    then lower(trim(u.gender)) else 'unknown' end,
               coalesce(d.domain, 'unknown'), a.converted
        from applicants as a
        join users as u on cast(u.user_id as bigint) = a.user_id
        left join paths as p on upper(trim(p.path_id)) = a.first_path
        left join domains as d on lower(d.domain) = lower(trim(p.domain))
        """
    ).fetchall()
    for y, gender, domain, converted in rows:
        for dimension, group in (("gender", gender), ("path_domain", domain)):
            num, den = recount.get(("orientation_rate", y, dimension, group), (0, 0))
            recount[("orientation_rate", y, dimension, group)] = (num + converted, den + 1)
    truth = {
        (r["indicator"], r["year"], r["dimension"], r["group"]): (r["numerator"], r["denominator"])
        for r in gen_manifest["truth_by_group"]
    }
    assert truth, "the manifest has no truth_by_group"
    differing = {k: (truth.get(k), recount.get(k)) for k in set(truth) | set(recount)
                 if truth.get(k) != recount.get(k)}  # fmt: skip
    assert differing == {}


def test_graduate_outcome_statuses(grouped, gen_manifest) -> None:
    """M-OUT-1, M-OUT-2: the status of every graduate (the first of the list a response
    collected by the cut-off supports), counted per cohort and segment, zeros included."""
    rows = grouped.execute(
        """
        select year(e.graduated_on), seg, f.status_order, count(*)
        from live_enrollments as e join graduate_flags as f using (enrollment_id),
             unnest(case when e.funding = 'apprenticeship' then ['all', 'apprentice']
                         else ['all'] end) as t(seg)
        group by all
        """
    ).fetchall()
    recount = {}
    cohorts = set()
    for y, seg, order, n in rows:
        recount[(y, seg, OUTCOMES[order - 1])] = n
        cohorts.add((y, seg))
    for y, seg in cohorts:
        for status in OUTCOMES:
            recount.setdefault((y, seg, status), 0)
    truth = {
        (r["year"], r["segment"], r["outcome_status"]): r["graduates"]
        for r in gen_manifest["truth_outcomes"]
    }
    assert truth and truth == {k: v for k, v in recount.items() if k[0] <= 2024}
    placed = dict(
        grouped.execute(
            "select year(graduated_on), count(*) filter (where placed) "
            "from live_enrollments join graduate_flags using (enrollment_id) group by all"
        ).fetchall()
    )
    for y in YEARS:  # M-OUT-2: statuses 1 to 4 are the placed graduates
        assert sum(truth[(y, "all", s)] for s in OUTCOMES[:4]) == placed[y], y


def test_mix_adjusted_benchmarks(grouped, gen_manifest) -> None:
    """M-VA-1, M-VA-2: expected rates from the reference year's cell rates (a cell under
    11 enrolments, or absent, takes the reference year's overall rate), value added and
    mix effect adding up to the change."""
    truth = {(r["indicator"], r["year"]): r for r in gen_manifest["truth_benchmarks"]}
    assert {name for name, _ in truth} == {"graduation_rate", "job_placement_rate"}
    for indicator in ("graduation_rate", "job_placement_rate"):
        cells = {k: v for k, v in _cells(grouped, "mix_cell").items() if k[0] == indicator}
        for y in range(2020, 2025):
            now = {c: v for (i, yy, c), v in cells.items() if yy == y}
            before = {c: v for (i, yy, c), v in cells.items() if yy == y - 1}
            observed = sum(k for k, _ in now.values()) / sum(n for _, n in now.values())
            reference = sum(k for k, _ in before.values()) / sum(n for _, n in before.values())
            rates = {
                c: before[c][0] / before[c][1] if before.get(c, (0, 0))[1] >= 11 else reference
                for c in now
            }
            expected = sum(now[c][1] * rates[c] for c in now) / sum(n for _, n in now.values())
            t = truth[(indicator, y)]
            assert t["expected"] == pytest.approx(expected, rel=1e-12), (indicator, y)
            assert t["observed"] == pytest.approx(observed, rel=1e-12)
            assert t["value_added"] + t["mix_effect"] == pytest.approx(observed - reference)
            assert t["n_cells"] == len(now)
            assert t["n_cells_fallback"] == sum(1 for c in now if before.get(c, (0, 0))[1] < 11), (
                indicator,
                y,
            )


def test_documented_differences_between_groups(grouped, gen_manifest) -> None:
    """The generator README's outcomes by background, read from the files (all cohorts
    pooled, so that the test scale is not too noisy): graduates unemployed or
    low-qualified at enrolment are placed less often and graduate on time less often;
    out-of-field jobs (related_to_path false) are more frequent among them and among jobs
    found after the six-month window; the 12-month rate is above the 6-month one every
    year; the 2023 mix of cells differs from 2022's, so both mix effects are not zero."""

    def rate(sql: str) -> dict:
        return dict(grouped.execute(sql).fetchall())

    placed = rate(
        "select g.unemployed, avg(f.placed::int) from graduate_flags as f "
        "join enrollment_groups as g using (enrollment_id) group by all"
    )
    assert placed["yes"] < placed["no"] - 0.05, placed
    placed_low = rate(
        "select g.low_qualification, avg(f.placed::int) from graduate_flags as f "
        "join enrollment_groups as g using (enrollment_id) group by all"
    )
    assert placed_low["yes"] < placed_low["no"] - 0.03, placed_low
    on_time = rate(
        "select g.unemployed, avg((e.graduated_on <= e.expected_end_on)::int) "
        "from live_enrollments as e join enrollment_groups as g using (enrollment_id) "
        "where e.expected_end_on <= date '2024-06-30' group by all"
    )
    assert on_time["yes"] < on_time["no"] - 0.05, on_time
    out_of_field = rate(
        f"""
        select case when cast(j.job_started_on as date)
                         > e.graduated_on + interval 6 month then 'after_window'
                    when 'yes' in (g.unemployed, g.low_qualification) then 'obstacle'
                    else 'base' end,
               avg((lower(trim(j.related_to_path)) in ('false', '0', 'no'))::int)
        from job_outcomes as j
        join live_enrollments as e on e.enrollment_id = cast(j.enrollment_id as bigint)
        join enrollment_groups as g on g.enrollment_id = e.enrollment_id
        where lower(trim(j.situation)) in {JOBS} and e.graduated_on is not null
          and j.job_started_on is not null
        group by all
        """
    )
    assert out_of_field["base"] < out_of_field["obstacle"] < out_of_field["after_window"]
    truth = truth_index(gen_manifest)
    for y in YEARS:  # strictly above once a cohort is not tiny (2019 has a dozen at 0.02)
        six, twelve = (truth[(name, y, "all")]["numerator"]
                       for name in ("job_placement_rate", "job_placement_rate_12m"))  # fmt: skip
        assert twelve > six or (y == 2019 and twelve == six), y
    benchmarks = {(r["indicator"], r["year"]): r for r in gen_manifest["truth_benchmarks"]}
    for indicator in ("graduation_rate", "job_placement_rate"):
        assert abs(benchmarks[(indicator, 2023)]["mix_effect"]) > 1e-4, indicator
