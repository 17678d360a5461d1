{#- Every raw row of applications/, parsed and judged by its contract (macro stage_raw_export). -#}
{{ stage_raw_export('applications') }}
