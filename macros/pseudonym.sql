{% macro pseudonym(expr) -%}
    {#- Issue 8 item 6: the keyed pseudonym of a platform id, HMAC-SHA-256(key, id as
        decimal text) as 64 lower-case hex characters; NULL stays NULL. The marts carry
        it instead of the platform's ids (doc block pseudonymised_ids). The padded keys
        are computed once, outside SQL, and read at run time: the key never appears in
        compiled SQL, artifacts or logs. -#}
    {{ return(adapter.dispatch('pseudonym', 'impact_warehouse')(expr)) }}
{%- endmacro %}

{% macro pseudonym_key_missing_message() -%}
    {#- Why a model needing a pseudonym stopped (no quote: it becomes a SQL literal). -#}
    {{ return(
        'IMPACT_PSEUDONYM_KEY is not set (or is shorter than 32 characters) and the raw'
        ~ ' directory holds no _synthetic.json: a build of real exports needs the'
        ~ ' pseudonym secret (README, Pseudonymised ids)'
    ) }}
{%- endmacro %}

{% macro duckdb__pseudonym(expr) -%}
    {#- Session variables set by the dbt-duckdb plugin impact_warehouse.duckdb_plugin
        with bound parameters (BLOBs of 64 bytes). The cast matters: an unset variable
        is a NULL of type NULL, which `||` folds away without evaluating error(). -#}
    {%- set missing = "error('" ~ pseudonym_key_missing_message() ~ "')" -%}
    sha256(
        coalesce(cast(getvariable('impact_pseudonym_opad') as blob), {{ missing }})
        || unhex(sha256(
            coalesce(cast(getvariable('impact_pseudonym_ipad') as blob), {{ missing }})
            || encode(cast({{ expr }} as varchar))
        ))
    )
{%- endmacro %}

{% macro spark__pseudonym(expr) -%}
    {#- The padded keys as hex in the Spark confs spark.impact.pseudonym_ipad and
        spark.impact.pseudonym_opad, read by Spark's ${...} substitution when the
        statement runs: the `spark` target sets them from the DBT_ENV_SECRET_ variables
        that the Python side fills (impact_warehouse.spark_session.pseudonym_env), so the
        compiled SQL only ever holds the conf names. Unset ('unset', not hex): NULL, and
        raise_error names IMPACT_PSEUDONYM_KEY. -#}
    {%- set missing = "raise_error('" ~ pseudonym_key_missing_message() ~ "')" -%}
    sha2(
        concat(
            coalesce(unhex('${spark.impact.pseudonym_opad}'), {{ missing }}),
            unhex(sha2(
                concat(
                    coalesce(unhex('${spark.impact.pseudonym_ipad}'), {{ missing }}),
                    encode(cast({{ expr }} as string), 'UTF-8')
                ),
                256
            ))
        ),
        256
    )
{%- endmacro %}
