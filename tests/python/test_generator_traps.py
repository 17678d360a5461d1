# ruff: noqa: E501  (a table of SQL checks, one per line)
"""The trap catalogue (src/impact_warehouse/generator/README.md) is present at scale 0.02:
each trap is found at least once by reading the FILES, not the generator's internals."""

from __future__ import annotations

import duckdb
import pytest

import generator_fixtures as fx
from generator_fixtures import connect

gen_raw = fx.gen_raw  # session fixtures, shared by the generator tests
gen_manifest = fx.gen_manifest  # session fixtures, shared by the generator tests


@pytest.fixture(scope="module")
def con(gen_raw) -> duckdb.DuckDBPyConnection:
    return connect(gen_raw)


def count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


TEST_USERS = (
    "(select cast(user_id as bigint) from raw_users "
    "where lower(trim(is_test_account)) in ('true', '1', 'yes'))"
)

TRAPS = {
    # G-1: Z timestamps that belong to the next Paris year
    "G-1 application 23:xxZ on Dec 31 (next Paris year)": """
        select count(*) from raw_applications
        where submitted_at like '%-12-31T23:%Z' and year(pday(submitted_at)) =
              year(cast(left(submitted_at, 10) as date)) + 1""",
    "G-1 declaration 2022-12-31T23:30:00Z": """
        select count(*) from raw_career_outcome_declarations
        where declared_at = '2022-12-31T23:30:00Z'""",
    "G-1 both +01:00 and +02:00 and Z offsets": """
        select (count(*) filter (where submitted_at like '%+01:00') > 0)::int
             * (count(*) filter (where submitted_at like '%+02:00') > 0)::int
             * (count(*) filter (where submitted_at like '%Z') > 0)::int
        from raw_applications""",
    "G-1 logins partition 2018-12 holding Paris 2019 logins": """
        select count(*) from raw_logins where month = '2018-12'
          and year(cast(timezone('Europe/Paris', cast(logged_in_at as timestamptz)) as date)) = 2019""",
    # G-2: test accounts have full histories
    "G-2 test accounts in applications": f"select count(*) from raw_applications where cast(user_id as bigint) in {TEST_USERS}",
    "G-2 test accounts in enrollments": f"select count(*) from raw_enrollments where cast(user_id as bigint) in {TEST_USERS}",
    "G-2 test accounts in student_profiles": f"select count(*) from raw_student_profiles where cast(user_id as bigint) in {TEST_USERS}",
    "G-2 test accounts in addresses": f"select count(*) from raw_addresses where cast(user_id as bigint) in {TEST_USERS}",
    "G-2 test accounts in job_outcomes": f"select count(*) from raw_job_outcomes where cast(user_id as bigint) in {TEST_USERS}",
    "G-2 test accounts in declarations": f"select count(*) from raw_career_outcome_declarations where cast(user_id as bigint) in {TEST_USERS}",
    "G-2 test accounts in logins": f"select count(*) from raw_logins where user_id in {TEST_USERS}",
    # G-3: overlapping files
    "G-3 user repeated with older updated_at and another gender": """
        select count(*) from raw_users as a join raw_users as b using (user_id)
        where a.filename < b.filename and cast(a.updated_at as timestamptz) < cast(b.updated_at as timestamptz)
          and a.gender is distinct from b.gender""",
    "G-3 user repeated with equal updated_at and other values": """
        select count(*) from raw_users as a join raw_users as b using (user_id)
        where a.filename < b.filename and cast(a.updated_at as timestamptz) = cast(b.updated_at as timestamptz)
          and a.gender is distinct from b.gender""",
    "G-3 enrolment active in the older file, graduated in the newer": """
        select count(*) from raw_enrollments as a join raw_enrollments as b using (enrollment_id)
        where a.filename < b.filename and lower(trim(a.status)) = 'active'
          and lower(trim(b.status)) = 'graduated'""",
    "G-3 expected_end_on extended in the newer file": """
        select count(*) from raw_enrollments as a join raw_enrollments as b using (enrollment_id)
        where a.filename < b.filename and a.expected_end_on < b.expected_end_on""",
    "G-3 application under_review in the older file, decided in the newer": """
        select count(*) from raw_applications as a join raw_applications as b using (application_id)
        where a.filename < b.filename and lower(trim(a.status)) = 'under_review'
          and lower(trim(b.status)) <> 'under_review'""",
    "G-3 address corrected in the newer file": """
        select count(*) from raw_addresses as a join raw_addresses as b using (address_id)
        where a.filename < b.filename and a.postal_code <> b.postal_code""",
    "G-3 path renamed in the newer file": """
        select count(*) from raw_paths as a join raw_paths as b using (path_id)
        where a.filename < b.filename and a.path_name <> b.path_name""",
    "G-3 exact copy of a profile in both files": """
        select count(*) from (select * exclude (filename) from raw_student_profiles
            where filename like '%2024-01-01%' intersect
            select * exclude (filename) from raw_student_profiles where filename like '%2024-07-01%')""",
    "G-3 exact copy of a job outcome in both files": """
        select count(*) from (select * exclude (filename) from raw_job_outcomes
            where filename like '%2024-01-01%' intersect
            select * exclude (filename) from raw_job_outcomes where filename like '%2024-07-01%')""",
    "G-3 exact copy of a declaration in both files": """
        select count(*) from (select * exclude (filename) from raw_career_outcome_declarations
            where filename like '%2024-01-01%' intersect
            select * exclude (filename) from raw_career_outcome_declarations
            where filename like '%2024-07-01%')""",
    # G-5
    "G-5 cancelled enrolment linked to an admitted application": """
        select count(*) from raw_enrollments as e join raw_applications as a using (application_id)
        where lower(trim(e.status)) = 'cancelled' and lower(trim(a.status)) = 'admitted'""",
    # M-ORI
    "M-ORI withdrawn application": "select count(*) from raw_applications where lower(trim(status)) = 'withdrawn'",
    "M-ORI employer programme without application": """
        select count(*) from raw_enrollments where application_id is null
          and lower(trim(funding_type)) = 'employer'""",
    # M-GRA
    "M-GRA graduated exactly on expected_end_on": "select count(*) from raw_enrollments where graduated_on = expected_end_on",
    "M-GRA graduated one day late": """
        select count(*) from raw_enrollments
        where cast(graduated_on as date) = cast(expected_end_on as date) + 1""",
    "M-GRA graduated exactly at 150%": """
        select count(*) from raw_enrollments where graduated_on is not null and
          2 * date_diff('day', cast(started_on as date), cast(graduated_on as date))
          = 3 * date_diff('day', cast(started_on as date), cast(expected_end_on as date))""",
    "M-GRA overdue enrolment still active": """
        select count(*) from raw_enrollments where filename like '%07-01%'
          and lower(trim(status)) = 'active' and cast(expected_end_on as date) < date '2024-06-30'""",
    # M-PLA
    "M-PLA graduate of 2023-08-31 with a job on 2024-02-29": """
        select count(*) from raw_job_outcomes as r join raw_enrollments as e using (enrollment_id)
        where e.graduated_on = '2023-08-31' and r.job_started_on = '2024-02-29'""",
    "M-PLA graduate of 2023-08-31 with a job on 2024-03-01": """
        select count(*) from raw_job_outcomes as r join raw_enrollments as e using (enrollment_id)
        where e.graduated_on = '2023-08-31' and r.job_started_on = '2024-03-01'""",
    "M-PLA job started on the window end": """
        select count(*) from raw_job_outcomes as r join raw_enrollments as e using (enrollment_id)
        where cast(r.job_started_on as date)
              = cast(cast(e.graduated_on as date) + interval 6 month as date)""",
    "M-PLA job started the day after the window end": """
        select count(*) from raw_job_outcomes as r join raw_enrollments as e using (enrollment_id)
        where cast(r.job_started_on as date)
              = cast(cast(e.graduated_on as date) + interval 6 month as date) + 1""",
    "M-PLA job started before graduation": """
        select count(*) from raw_job_outcomes as r join raw_enrollments as e using (enrollment_id)
        where lower(trim(r.situation)) = 'employed'
          and cast(r.job_started_on as date) < cast(e.graduated_on as date)""",
    "M-PLA internship with a start date": """
        select count(*) from raw_job_outcomes
        where lower(trim(situation)) = 'internship' and job_started_on is not null""",
    "M-PLA response 00:30 Paris July 1 written as 22:30Z": """
        select count(*) from raw_job_outcomes where collected_at like '%-06-30T22:30:00Z'""",
    "M-PLA response 23:59:59 Paris June 30": """
        select count(*) from raw_job_outcomes
        where collected_at like '%-06-30T23:59:59+02:00'
           or collected_at like '%-06-30T21:59:59Z'""",
    "M-PLA no_answer response": "select count(*) from raw_job_outcomes where lower(trim(situation)) = 'no_answer'",
    "M-PLA response on a dropped-out enrolment": """
        select count(*) from raw_job_outcomes as r join raw_enrollments as e using (enrollment_id)
        where lower(trim(e.status)) = 'dropped_out' and e.filename like '%07-01%'""",
    # M-CAR
    "M-CAR credits false": """
        select count(*) from raw_career_outcome_declarations
        where lower(trim(credits_openclassrooms)) in ('false', '0', 'no')""",
    "M-CAR credits empty": "select count(*) from raw_career_outcome_declarations where credits_openclassrooms is null",
    "M-CAR type other": "select count(*) from raw_career_outcome_declarations where lower(trim(outcome_type)) = 'other'",
    "M-CAR chain Jan 1 / Jul 1 / Jan 2": """
        select count(*) from (select user_id from raw_career_outcome_declarations
            where filename like '%07-01%' or filename like '%01-01%'
            group by user_id having count(distinct left(declared_at, 10)) filter (where
                left(declared_at, 10) in ('2022-01-01', '2022-07-01', '2023-01-02')) = 3)""",
    "M-CAR Feb 29 then Feb 28": """
        select count(*) from (select user_id from raw_career_outcome_declarations
            group by user_id having bool_or(left(declared_at, 10) = '2020-02-29')
               and bool_or(left(declared_at, 10) = '2021-02-28'))""",
    "M-CAR declaration after the account deletion": """
        select count(*) from raw_career_outcome_declarations as d join raw_users as u using (user_id)
        where cast(u.deleted_at as timestamptz) < cast(d.declared_at as timestamptz)""",
    "M-CAR declaration then the account deleted": """
        select count(*) from raw_career_outcome_declarations as d join raw_users as u using (user_id)
        where cast(u.deleted_at as timestamptz) > cast(d.declared_at as timestamptz)""",
    "M-CAR never-logged-in former student within 12 months of graduating": """
        select count(*) from raw_career_outcome_declarations as d join raw_enrollments as e using (user_id)
        where e.filename like '%07-01%' and e.graduated_on is not null
          and pday(d.declared_at) > cast(e.graduated_on as date)
          and pday(d.declared_at) < cast(e.graduated_on as date) + interval 12 month
          and cast(d.user_id as bigint) not in (select user_id from raw_logins)""",
    "M-CAR never-logged-in former student after the span end": """
        select count(*) from raw_career_outcome_declarations as d join raw_enrollments as e using (user_id)
        where e.filename like '%07-01%' and e.graduated_on is not null
          and pday(d.declared_at) > cast(e.graduated_on as date) + interval 12 month
          and cast(d.user_id as bigint) not in (select user_id from raw_logins)""",
    "M-CAR comments with e-mails, phone numbers, newlines": """
        select (count(*) filter (where comment like '%@%') > 0)::int
             * (count(*) filter (where comment like '%+33%') > 0)::int
             * (count(*) filter (where comment like e'%\\n%' or comment like '%' || chr(10) || '%') > 0)::int
        from raw_career_outcome_declarations""",
    # M-PLA-6 / M-OUT-1 / G-10 (issue 11)
    "M-PLA-6 job started between the six- and twelve-month window ends": """
        select count(*) from raw_job_outcomes as j join raw_enrollments as e using (enrollment_id)
        where e.filename like '%07-01%' and lower(trim(j.situation)) = 'employed'
          and cast(j.job_started_on as date) > cast(e.graduated_on as date) + interval 6 month
          and cast(j.job_started_on as date) <= cast(e.graduated_on as date) + interval 12 month""",
    "M-PLA-6 job response collected July-December of Y+1": """
        select count(*) from raw_job_outcomes as j join raw_enrollments as e using (enrollment_id)
        where e.filename like '%07-01%' and lower(trim(j.situation)) = 'employed'
          and pday(j.collected_at) between make_date(year(cast(e.graduated_on as date)) + 1, 7, 1)
                                       and make_date(year(cast(e.graduated_on as date)) + 1, 12, 31)""",
    "M-PLA-6 00:30 Paris January 1 of Y+2 written as 23:30Z": """
        select count(*) from raw_job_outcomes as j join raw_enrollments as e using (enrollment_id)
        where e.filename like '%07-01%' and j.collected_at like '%-12-31T23:30:00Z'
          and year(pday(j.collected_at)) = year(cast(e.graduated_on as date)) + 2""",
    "M-OUT-1 graduate with an in-field and an out-of-field job": """
        select count(*) from (select enrollment_id from raw_job_outcomes
            where lower(trim(situation)) in ('employed', 'self_employed', 'business_creation')
            group by enrollment_id
            having bool_or(lower(trim(related_to_path)) in ('true', '1', 'yes'))
               and bool_or(lower(trim(related_to_path)) in ('false', '0', 'no')))""",
    "M-OUT-1 graduate with an apprenticeship and another job": """
        select count(*) from (select enrollment_id from raw_job_outcomes group by enrollment_id
            having bool_or(lower(trim(situation)) = 'apprenticeship')
               and bool_or(lower(trim(situation)) = 'employed'))""",
    "M-OUT-1 graduate answering job_seeking and inactive": """
        select count(*) from (select enrollment_id from raw_job_outcomes group by enrollment_id
            having bool_or(lower(trim(situation)) = 'job_seeking')
               and bool_or(lower(trim(situation)) = 'inactive'))""",
    "M-OUT-1 graduate answering further_training and internship": """
        select count(*) from (select enrollment_id from raw_job_outcomes group by enrollment_id
            having bool_or(lower(trim(situation)) = 'further_training')
               and bool_or(lower(trim(situation)) = 'internship'))""",
    "M-OUT-1 job situation without a start date": """
        select count(*) from raw_job_outcomes
        where lower(trim(situation)) = 'employed' and job_started_on is null""",
    "G-10 between 1 and 10 refugees among the 2023 graduates (one small cell)": f"""
        select (count(distinct e.enrollment_id) between 1 and 10)::int
        from raw_enrollments as e join raw_student_profiles as p using (enrollment_id)
        where e.filename like '%07-01%' and year(cast(e.graduated_on as date)) = 2023
          and lower(trim(p.is_refugee)) = 'yes'
          and cast(e.user_id as bigint) not in {TEST_USERS}
          and p.profile_id = (select max_by(q.profile_id, (cast(q.collected_at as timestamptz),
                                                           cast(q.profile_id as bigint)))
                              from raw_student_profiles as q
                              where q.enrollment_id = p.enrollment_id)""",
    # M-DEM / M-UND / M-TEC / M-RES
    "M-DEM enrolment with several profile rows": """
        select count(*) from (select enrollment_id from raw_student_profiles
            where filename like '%07-01%' or filename like '%01-01%'
            group by enrollment_id having count(distinct profile_id) > 1)""",
    "M-DEM user with two enrolments starting the same year": """
        select count(*) from (select user_id from raw_enrollments
            where lower(trim(status)) <> 'cancelled'
            group by user_id, year(cast(started_on as date))
            having count(distinct enrollment_id) > 1)""",
    "M-UND QPV code on a foreign address": """
        select count(*) from raw_addresses where qpv_code is not null
          and upper(trim(country_code)) not in ('FR', 'GP', 'MQ', 'GF', 'RE', 'YT')""",
    "M-UND QPV code on a non-exact French address": """
        select count(*) from raw_addresses where qpv_code is not null
          and upper(trim(country_code)) = 'FR' and lower(trim(geocode_precision)) <> 'housenumber'""",
    "M-UND 2024-list QN code": "select count(*) from raw_addresses where upper(trim(qpv_code)) like 'QN%'",
    "M-UND overseas department address": """
        select count(*) from raw_addresses where upper(trim(country_code)) in ('GP', 'MQ', 'GF', 'RE', 'YT')""",
    "M-RES Namibia NA": "select count(*) from raw_addresses where upper(trim(country_code)) = 'NA'",
    "M-RES Russia / Turkey / Cyprus": """
        select (count(*) filter (where upper(trim(country_code)) = 'RU') > 0)::int
             * (count(*) filter (where upper(trim(country_code)) in ('TR', 'CY')) > 0)::int
        from raw_addresses""",
    "M-RES invalid country code": "select count(*) from raw_addresses where upper(trim(country_code)) = 'XK'",
    "M-TEC woman in a non-Tech path": """
        select count(*) from raw_enrollments as e join raw_users as u using (user_id)
        join raw_paths as p on upper(trim(e.path_id)) = p.path_id
        where lower(trim(u.gender)) = 'female' and lower(trim(p.domain)) in
          ('marketing and communication', 'human resources', 'business and management',
           'health and social care', 'education and training', 'sales')""",
    # encoding
    "leading-zero postal code": "select count(*) from raw_addresses where postal_code = '01000'",
    "stray case / spaces in categories": """
        select count(*) from raw_users where gender <> lower(trim(gender))""",
    "stray case / spaces in domain": "select count(*) from raw_paths where domain not in ('Cybersecurity', 'Data', 'Design', 'Development', 'Project Management', 'Supply Chain', 'System and Network', 'Marketing and Communication', 'Human Resources', 'Business and Management', 'Health and Social Care', 'Education and Training', 'Sales')",
    "stray case / spaces in path_id": "select count(*) from raw_applications where path_id <> upper(trim(path_id))",
    "stray case in country codes": "select count(*) from raw_addresses where country_code <> upper(trim(country_code))",
    "boolean spellings (true/1/yes, any case)": """
        select count(distinct credits_openclassrooms) >= 6 from raw_career_outcome_declarations""",
    "deleted users with empty PII": """
        select count(*) from raw_users where deleted_at is not null and email is null
          and first_name is null and last_name is null""",
    "quoted fields with commas and quotes": """
        select count(*) from raw_addresses where street_line like '%"%' """,
    "logins pseudo country codes": """
        select count(distinct upper(trim(ip_country_code))) from raw_logins
        where upper(trim(ip_country_code)) in ('XX', 'A1', 'A2', 'AP', 'EU')""",
    "logins empty country": "select count(*) from raw_logins where ip_country_code is null",
    "logins lower-case country code with a space": "select count(*) from raw_logins where ip_country_code like '% '",
    "logins from a country outside the 222 in 2023 (AQ)": """
        select count(*) from raw_logins where upper(trim(ip_country_code)) = 'AQ'
          and year(logged_in_at) = 2023""",
    "logins month delivered in two parts": "select count(distinct filename) from read_parquet('{raw}/logins/month=2024-05/*.parquet', filename = true)",
}


@pytest.mark.parametrize("trap", list(TRAPS))
def test_trap_present(con, gen_raw, trap: str) -> None:
    sql = TRAPS[trap].replace("{raw}", str(gen_raw))
    n = count(con, sql)
    assert n >= (2 if "two parts" in trap else 1), trap


def test_trap_catalogue_in_manifest(gen_manifest) -> None:
    traps = gen_manifest["traps"]
    assert len(traps) >= 40
    missing = [name for name, n in traps.items() if n < 1]
    assert missing == []
