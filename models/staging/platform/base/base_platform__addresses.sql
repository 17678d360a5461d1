{#- Every raw row of addresses/, parsed and judged (see macro stage_raw_export).
    country_code is not validated here: M-RES-1 maps an invalid code to unknown. -#}
{{ stage_raw_export(
    export_name='addresses',
    key='address_id',
    versioned=true,
    columns=[
        {'raw': 'address_id', 'kind': 'id', 'required': true},
        {'raw': 'user_id', 'kind': 'id', 'required': true},
        {'raw': 'valid_from', 'kind': 'date', 'required': true},
        {'raw': 'country_code', 'kind': 'code'},
        {'raw': 'postal_code', 'kind': 'text'},
        {'raw': 'city', 'kind': 'text'},
        {'raw': 'geocode_precision', 'kind': 'category', 'required': true,
         'values': ['housenumber', 'street', 'locality', 'none']},
        {'raw': 'qpv_code', 'kind': 'code'},
        {'raw': 'updated_at', 'kind': 'timestamp', 'required': true},
    ],
) }}
