{% macro editions_dir() -%}
    {#- The editions directory (G-11) as an ABSOLUTE path: var editions_dir (passed by
        `impact-warehouse build`, already absolute), else IMPACT_EDITIONS_DIR, else
        `editions` at the project root; a relative value is joined to the project root.
        The editions source's external_location repeats this rule (sources cannot call
        macros). The characters DuckDB's readers take for a pattern are refused here. -#}
    {%- set given = (var('editions_dir', '') | string | trim) or (env_var('IMPACT_EDITIONS_DIR', '') | trim) or 'editions' -%}
    {%- set root = env_var('DBT_PROJECT_DIR', flags.PROFILES_DIR) | string -%}
    {%- set path = given.rstrip('/') if given.startswith('/') else root.rstrip('/') ~ '/' ~ given.rstrip('/') -%}
    {%- for character in ['*', '?', '[', ']', '{', '}', '$'] -%}
        {%- if character in path -%}
            {{ exceptions.raise_compiler_error(
                "The editions directory '" ~ given ~ "' (resolved to " ~ path ~ ") holds the"
                ~ " character '" ~ character ~ "', which DuckDB's file readers take for a"
                ~ " pattern: keep the editions in a path without * ? [ ] { } $."
            ) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(path) }}
{%- endmacro %}
