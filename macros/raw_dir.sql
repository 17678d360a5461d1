{% macro raw_dir() -%}
    {#- The raw directory (docs/input-contract.md) as an ABSOLUTE path: IMPACT_RAW_DIR, default
        data/sample; a relative value is joined to the project root (DBT_PROJECT_DIR when set,
        else the profiles dir, which is the project root: profiles.yml is committed there).
        The sources' external_location repeats this rule (sources cannot call macros).
        Quotes, spaces and accents are fine (every SQL literal of a path goes through
        raw_path_sql); the characters DuckDB's readers take for a file pattern or that
        would end the sources' dollar quotes are refused here, naming them. -#}
    {%- set raw = env_var('IMPACT_RAW_DIR', 'data/sample') | trim -%}
    {%- set root = env_var('DBT_PROJECT_DIR', flags.PROFILES_DIR) | string -%}
    {%- set path = raw.rstrip('/') if raw.startswith('/') else root.rstrip('/') ~ '/' ~ raw.rstrip('/') -%}
    {%- for character in ['*', '?', '[', ']', '{', '}', '$'] -%}
        {%- if character in path -%}
            {{ exceptions.raise_compiler_error(
                "IMPACT_RAW_DIR '" ~ raw ~ "' (resolved to " ~ path ~ ") holds the character '"
                ~ character ~ "', which DuckDB's file readers take for a pattern: move the exports"
                ~ " to a path without * ? [ ] { } $ (quotes, spaces and accents are fine)."
            ) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(path) }}
{%- endmacro %}
