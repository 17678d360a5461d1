"""Impact warehouse: Python tooling around the dbt project (generator, build, report, bench)."""

__version__ = "0.1.0"
