{% macro sql_literal(text, glob=false, pattern='') -%}
    {#- The one place text becomes a SQL string literal: quotes doubled, so a raw directory
        such as `l'export é/` or a reason naming 'a file' is just text. With `glob`, the
        text is a file path for DuckDB's readers (glob, read_csv, read_blob, parquet_*),
        which treat their argument as a pattern: glob characters are bracketed (`[` ->
        `[[]`, `*` -> `[*]`, `?` -> `[?]`) and `pattern` (e.g. `/**`) is appended as a glob. -#}
    {%- set escaped = [] -%}
    {%- for character in text | string -%}
        {%- do escaped.append('[' ~ character ~ ']' if glob and character in '[*?' else character) -%}
    {%- endfor -%}
    {#- quoted for the engine (string_literal, dispatched: Spark also escapes backslashes) -#}
    {{- string_literal(escaped | join('') ~ pattern) -}}
{%- endmacro %}
