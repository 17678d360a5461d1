{#- Every raw row of enrollments/, parsed and judged by its contract (macro stage_raw_export). -#}
{{ stage_raw_export('enrollments') }}
