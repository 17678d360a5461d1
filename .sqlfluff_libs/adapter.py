"""sqlfluff stub for dbt's `adapter` (lint only): dispatch returns the default macro's name."""


def dispatch(macro_name, macro_namespace=None, packages=None):
    def call(*args, **kwargs):
        return "null"

    return call


def quote(identifier):
    return f'"{identifier}"'
