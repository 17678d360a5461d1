"""The page's stylesheet, inlined into the HTML (Python, so that it ships with the package)."""

CSS = """\
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f5f7fa; color: #1f2933;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif;
  line-height: 1.5; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 48px; background: #ffffff; }
h1 { font-size: 2rem; margin: 0 0 8px; }
h2 { font-size: 1.45rem; margin: 40px 0 12px; padding-top: 12px; border-top: 3px solid #0072b2; }
h3 { font-size: 1.05rem; margin: 16px 0 4px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; color: #52606d; margin: 0;
  font-size: .8rem; }
.meta { color: #3e4c59; margin: 4px 0; }
.warning { background: #fff4e5; border-left: 4px solid #b35c00; padding: 8px 12px; }
nav ol { display: flex; flex-wrap: wrap; gap: 6px 18px; padding: 0; list-style: none;
  margin: 16px 0 0; }
nav a { color: #0b5c8e; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 14px;
  margin: 12px 0 16px; }
.card { border: 1px solid #d9e2ec; border-radius: 8px; padding: 12px 16px; background: #f8fbff; }
.card p { margin: 2px 0; }
.card-title { font-weight: 600; color: #3e4c59; }
.big { font-size: 2.1rem; font-weight: 700; color: #0b4f7c; }
.previous { color: #52606d; font-size: .92rem; }
.published { color: #3e4c59; }
figure { margin: 12px 0; }
figcaption { color: #52606d; font-size: .9rem; }
svg.chart { max-width: 100%; height: auto; display: block; }
table.figures { border-collapse: collapse; width: 100%; margin: 14px 0 20px; font-size: .92rem; }
table.figures caption { text-align: left; font-weight: 600; padding: 4px 0; color: #3e4c59; }
table.figures th, table.figures td { border-bottom: 1px solid #e4e7eb; padding: 4px 8px;
  text-align: left; }
table.figures thead th { background: #eef2f7; }
table.figures td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.figures td.computed { font-weight: 600; }
.muted { color: #7b8794; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: .78rem;
  font-weight: 600; border: 1px solid; white-space: nowrap; }
.badge.final { color: #1b5e20; border-color: #1b5e20; background: #edf7ee; }
.badge.provisional { color: #8a4b00; border-color: #8a4b00; background: #fff4e5; }
.badge.suppressed { color: #52606d; border-color: #52606d; background: #f0f2f5; }
.note h3 .rules { font-weight: 400; color: #52606d; font-size: .85rem; margin-left: 6px; }
.note p { margin: 0 0 8px; }
footer { margin-top: 40px; color: #52606d; font-size: .85rem; }
@media print { body { background: #ffffff; } main { padding: 0; } }
"""
