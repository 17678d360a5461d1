"""sqlfluff stub for dbt's `adapter` (lint only): dispatch returns the default macro's name."""

# dispatched macros that render a whole query (the raw-file facts of the data-quality layer,
# the synthetic marker of warehouse_info)
QUERIES = {
    "raw_file_facts": "select null as path, null as size_bytes, null as sha256",
    "parquet_file_facts": "select null as path, null as n_rows, null as latest_at",
    "synthetic_marker": "select null as is_synthetic",
    "raw_file_fingerprints": "select null as path, null as size_bytes, null as sha256",
}


def dispatch(macro_name, macro_namespace=None, packages=None):
    def call(*args, **kwargs):
        return QUERIES.get(macro_name, "null")

    return call


def quote(identifier):
    return f'"{identifier}"'


def get_columns_in_relation(relation):
    return []
