"""sqlfluff stub for dbt's cross-database macros (`dbt.dateadd(...)`, ...), lint only.

Each renders as a neutral SQL expression; `date_spine` renders as a whole query.
"""

QUERIES = {"date_spine": "select null as date_day"}


def __getattr__(name):
    def call(*args, **kwargs):
        return QUERIES.get(name, "null")

    return call
