"""The pages' stylesheets, inlined into the HTML (Python, so that they ship with the package).

Screen: one column up to 980 px, cards in a grid that falls to one column on a phone
(360 px). Print: A4 pages whose running footer names the report and the page; a card,
chart or table never splits across two pages; colours print as on screen.
"""

from __future__ import annotations

BASE = """\
:root { color-scheme: light; --ink: #1f2933; --muted: #52606d; --line: #d9e2ec;
  --accent: #0b5c8e; --soft: #f5f8fb; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #eef2f6; color: var(--ink);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif;
  line-height: 1.5; font-size: 16px; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 40px; background: #ffffff; }
h1 { font-size: 2.1rem; line-height: 1.15; margin: 0 0 4px; }
h2 { font-size: 1.5rem; margin: 36px 0 12px; padding-top: 12px;
  border-top: 3px solid var(--accent); }
h3 { font-size: 1.08rem; margin: 0 0 6px; }
h4 { font-size: .95rem; margin: 0 0 6px; color: var(--muted); }
p { margin: 0 0 10px; }
a { color: var(--accent); }
.muted { color: var(--muted); font-weight: 400; }
.fine { color: var(--muted); font-size: .86rem; margin: 4px 0 0; }
table { border-collapse: collapse; width: 100%; margin: 12px 0; font-size: .93rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; color: var(--muted); }
th, td { border-bottom: 1px solid #e4e7eb; padding: 4px 8px; text-align: left;
  vertical-align: top; }
thead th { background: #eef2f7; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #ffffff; font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 18px; }
  h3, h4, figcaption, caption { break-after: avoid; page-break-after: avoid; }
  table, figure, .card, .bars, .columns, .share-bar, .multiples, .synthetic, li, tr {
    break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""

REPORT = """\
header .kicker { text-transform: uppercase; letter-spacing: .08em; color: var(--muted);
  margin: 0; font-size: .8rem; }
header .subtitle { font-size: 1.2rem; color: var(--accent); margin: 0 0 8px; }
header .meta { color: var(--muted); margin: 0 0 10px; }
header .intro { font-size: 1.05rem; }
.switch { float: right; font-size: .9rem; margin-left: 12px; }
.synthetic { border: 2px solid #b42318; background: #fef3f2; color: #7a271a; border-radius: 6px;
  padding: 10px 14px; margin: 10px 0 14px; }
.synthetic strong { display: block; font-size: 1.05rem; text-transform: uppercase;
  letter-spacing: .04em; }
.synthetic p { margin: 4px 0 0; }
.provenance { color: var(--muted); font-size: .9rem; }
header .meta .edition { color: var(--ink); font-weight: 600; }
header .meta > span, header .meta > a { display: inline-block; }
.edition-note { border-left: 3px solid var(--accent); padding-left: 10px; font-size: .95em; }
ul.restated { list-style: none; padding: 0; margin: 8px 0; }
ul.restated li { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px;
  margin: 0 0 8px; background: var(--soft); }
ul.restated li > * { display: block; overflow-wrap: break-word; }
ul.restated .values { font-variant-numeric: tabular-nums; }
ul.restated .reason { color: var(--muted); font-size: .92em; }
nav ol { display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; list-style: none;
  margin: 14px 0 0; font-size: .95rem; }
ul.arrows { list-style: none; padding-left: 0; }
ul.arrows li { position: relative; padding-left: 1.5em; margin: 4px 0; }
ul.arrows li::before { content: "→"; position: absolute; left: 0; color: var(--accent);
  font-weight: 700; }
.nb { font-size: .92rem; color: var(--muted); border-left: 3px solid var(--line);
  padding-left: 10px; }
.cards { display: grid; gap: 14px; margin: 14px 0; }
.cards.three { grid-template-columns: repeat(3, minmax(0, 1fr)); }
.cards.two { grid-template-columns: repeat(2, minmax(0, 1fr)); }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px;
  background: var(--soft); min-width: 0; }
.card .big { font-size: 2.3rem; font-weight: 700; color: var(--accent); line-height: 1.1;
  margin: 2px 0 8px; font-variant-numeric: tabular-nums; }
.big-card { display: flex; flex-direction: column; justify-content: center; }
.big-card .big { font-size: 2.8rem; margin: 0; }
.big-card .lead { font-weight: 600; margin: 0 0 2px; }
.big-card .caption { font-weight: 600; margin: 2px 0 0; }
.card .sentence { margin: 8px 0 0; font-size: .95rem; }
.key-sentence { font-size: 1.15rem; font-weight: 600; color: var(--accent); }
.badge { display: inline-block; vertical-align: middle; margin-left: 8px; padding: 0 7px;
  border-radius: 9px; font-size: .75rem; font-weight: 600; letter-spacing: 0;
  color: #8a4b00; border: 1px solid #8a4b00; background: #fff4e5; }
.bars { display: grid; gap: 5px; margin: 6px 0; }
.bar-row { display: grid; grid-template-columns: 3.2em minmax(0, 1fr) auto; gap: 8px;
  align-items: center; font-size: .9rem; }
.bars.wide-labels .bar-row { grid-template-columns: minmax(6em, 38%) minmax(0, 1fr) auto; }
.bar-row .label { color: var(--muted); overflow-wrap: break-word; line-height: 1.2; }
.card.group .bar-row { grid-template-columns: minmax(0, 1fr) auto; row-gap: 0; }
.card.group .bar-row .label { grid-column: 1 / -1; }
.bar-row .track { position: relative; height: 16px; background: #e9eef3; border-radius: 3px; }
.bar-row .fill { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 3px; }
.fill.provisional { opacity: .55; background-image: repeating-linear-gradient(135deg,
  transparent 0 4px, rgba(255,255,255,.6) 4px 7px); }
.bar-row .ci { position: absolute; top: 6px; height: 4px; background: #111111; }
.bar-row .value { font-weight: 600; font-variant-numeric: tabular-nums; text-align: right;
  min-width: 3.6em; white-space: nowrap; }
.bar-row .note { grid-column: 2 / 4; font-size: .8rem; color: var(--muted); }
.columns { display: flex; align-items: stretch; gap: 6px; height: 150px; margin: 8px 0 4px;
  padding-top: 1.3em; }
.columns.tall { height: 200px; }
.column { flex: 1 1 0; min-width: 0; display: flex; flex-direction: column; align-items: center; }
.column .shaft { flex: 1 1 auto; width: 72%; max-width: 64px; position: relative; }
.column .fill { position: absolute; bottom: 0; left: 0; right: 0; border-radius: 3px 3px 0 0; }
.column .value { position: absolute; left: 50%; transform: translateX(-50%); padding-bottom: 2px;
  font-size: .8rem; font-weight: 600; white-space: nowrap; font-variant-numeric: tabular-nums; }
.column .label { font-size: .8rem; color: var(--muted); border-top: 1px solid var(--line);
  width: 100%; text-align: center; }
.multiples { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 14px; }
.multiple { border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; min-width: 0; }
figure.chart { margin: 14px 0; }
figcaption { font-weight: 600; margin-bottom: 6px; }
.series { font-size: .85rem; color: var(--muted); margin: 4px 0 0; }
.share-bar { margin: 8px 0 12px; }
.share-label { font-weight: 600; margin: 0 0 4px; }
.stack { display: flex; height: 22px; border-radius: 3px; overflow: hidden; background: #e9eef3; }
.stack .part { display: block; height: 100%; border-right: 1px solid #ffffff; }
.legend { display: flex; flex-wrap: wrap; gap: 2px 16px; list-style: none; padding: 0;
  margin: 6px 0 0; font-size: .9rem; }
.legend .key { display: inline-block; width: 11px; height: 11px; margin-right: 5px;
  vertical-align: -1px; border-radius: 2px; }
.also ul { padding-left: 1.1em; }
.also li { margin: 4px 0; }
footer { margin-top: 36px; color: var(--muted); font-size: .85rem;
  border-top: 1px solid var(--line); padding-top: 8px; }
table.countries { max-width: 560px; }
@media (max-width: 720px) {
  main { padding: 16px 14px 32px; }
  h1 { font-size: 1.7rem; }
  h2 { font-size: 1.3rem; }
  .cards.three, .cards.two, .multiples { grid-template-columns: minmax(0, 1fr); }
  .card .big { font-size: 2rem; }
  .big-card .big { font-size: 2.3rem; }
  .switch { float: none; display: block; margin: 0 0 6px; }
}
@media print {
  nav, .switch { display: none; }
  #restatements { break-inside: avoid; page-break-inside: avoid; }
  .cards.three { grid-template-columns: repeat(3, minmax(0, 1fr)); }
  .card { background: #ffffff; }
  .card .big { font-size: 1.9rem; }
  .big-card .big { font-size: 2.2rem; }
}
"""


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_css(*, running_title: str, page_word: str, stamp: str = "") -> str:
    """The published report's stylesheet; `stamp` is printed at the top of every page
    (synthetic data)."""
    top = (
        f"@top-center {{ content: {_css_string(stamp)}; color: #b42318; font: 700 9pt "
        "system-ui, sans-serif; letter-spacing: .06em; }"
        if stamp
        else ""
    )
    page = (
        "@page { size: A4; margin: 16mm 14mm 16mm 14mm; "
        f"{top}"
        f"@bottom-left {{ content: {_css_string(running_title)}; color: #52606d; "
        "font: 8.5pt system-ui, sans-serif; } "
        f'@bottom-right {{ content: {_css_string(page_word + " ")} counter(page) " / " '
        "counter(pages); color: #52606d; font: 8.5pt system-ui, sans-serif; } }\n"
    )
    return page + BASE + REPORT


RECONCILIATION = """\
main { max-width: 1360px; }
table.figures { font-size: .84rem; }
header .kicker { text-transform: uppercase; letter-spacing: .08em; color: var(--muted);
  margin: 0; font-size: .8rem; }
.meta { color: var(--muted); margin: 2px 0; }
.scroll { overflow-x: auto; }
table.figures td.computed { font-weight: 600; }
table.figures td.rules { font-size: .82rem; color: var(--muted); }
table.figures td.diff-large { color: #b42318; font-weight: 600; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: .78rem;
  font-weight: 600; border: 1px solid; white-space: nowrap; }
.badge.final { color: #1b5e20; border-color: #1b5e20; background: #edf7ee; }
.badge.provisional { color: #8a4b00; border-color: #8a4b00; background: #fff4e5; }
.badge.suppressed { color: #52606d; border-color: #52606d; background: #f0f2f5; }
.badge.unapproved { color: #b42318; border-color: #b42318; background: #fef3f2; }
tr.unapproved th, tr.unapproved td { background: #fef3f2; }
table.figures td.files { font-size: .8rem; overflow-wrap: anywhere; min-width: 14em; }
table.figures td.reason { min-width: 14em; }
table.figures td.date { white-space: nowrap; }
.unapproved-note { border-left: 3px solid #b42318; padding-left: 10px; color: #7a271a; }
.note h3 .rules { font-weight: 400; color: var(--muted); font-size: .85rem; margin-left: 6px; }
@media (max-width: 720px) { main { padding: 16px 10px 32px; } table { font-size: .82rem; } }
@page { size: A4 landscape; margin: 12mm; }
"""


def reconciliation_css() -> str:
    return BASE + RECONCILIATION
