{#- One row per contract breach in student_profiles/: export, file, key, column, raw value, reason. -#}
{{ quarantine_rows('student_profiles', ref('base_platform__student_profiles'), 'profile_id') }}
