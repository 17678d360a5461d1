{#- Every raw row of addresses/, parsed and judged by its contract (macro stage_raw_export).
    A country code of two letters that is no country of the seed is kept (M-RES-1 counts it
    as unknown) and named by a warning; anything else is quarantined. -#}
-- depends_on: {{ ref('countries') }}
{{ stage_raw_export('addresses') }}
