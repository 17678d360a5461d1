{% macro parse_timestamp_utc(expr) -%}
    {#- docs/input-contract.md: an ISO 8601 timestamp WITH a UTC offset (`+01:00`, `Z`) as a
        naive timestamp holding UTC; NULL when it does not parse or has no offset. -#}
    {{ return(adapter.dispatch('parse_timestamp_utc', 'impact_warehouse')(expr)) }}
{%- endmacro %}

{% macro timestamp_with_offset_pattern(any_offset=false) -%}
    {#- An ISO 8601 timestamp with a UTC offset within -14:00..+14:00 (DuckDB itself accepts
        +25:00); with any_offset, whatever two-digit offset (to say why a value fails). -#}
    [0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?
    {%- if any_offset -%}
        (Z|z|[+-][0-9]{2}(:?[0-9]{2})?)
    {%- else -%}
        (Z|z|[+-](0[0-9]|1[0-3])(:?[0-5][0-9])?|[+-]14(:?00)?)
    {%- endif -%}
{%- endmacro %}

{% macro default__parse_timestamp_utc(expr) -%}
    case
        when {{ regex_full_match(expr, timestamp_with_offset_pattern()) }}
            then timezone('UTC', {{ try_cast(expr, 'timestamptz') }})
    end
{%- endmacro %}

{% macro spark__parse_timestamp_utc(expr) -%}
    {#- Spark keeps instants; the session time zone must be UTC (on-run-start guard).
        Spark's cast refuses two forms DuckDB's accepts, so they are rewritten first: a
        time without seconds (`10:00Z` -> `10:00:00Z`) and `24:00` (the end of the day:
        `00:00:00` of the next day). -#}
    case
        when {{ regex_full_match(expr, timestamp_with_offset_pattern()) }}
            then {{ try_cast(
                "regexp_replace(regexp_replace(" ~ expr ~ ", '^(.{10}[T ])24:00(:00([.]0+)?)?', '$100:00:00'),"
                ~ " '^(.{10}[T ][0-9]{2}:[0-9]{2})([Zz+-])', '$1:00$2')",
                'timestamp'
            ) }}
            + case when {{ expr }} rlike '^.{10}[T ]24:00' then interval 1 day else interval 0 day end
    end
{%- endmacro %}
