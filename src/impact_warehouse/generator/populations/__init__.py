"""The platform's populations, one module each: how its records are simulated (`simulate`)
and how its export is written (`write`). The order of the calls is `..simulate` and
`..generate`; traps are drawn by `..traps` at the points these modules name."""
