#include "serve/assets.hpp"

namespace stance::serve {

const std::string_view kStyleCss = R"css(
:root { --fail: #c62828; --pass: #2e7d32; --unknown: #b26a00; --error: #6a1b9a; --muted: #5f6368; --line: #dadce0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #202124; background: #f8f9fa; }
header { background: #202124; color: #fff; padding: 0.6rem 1.2rem; display: flex; gap: 1.5rem; align-items: baseline; }
header .brand { font-weight: 700; font-size: 1.1rem; }
header a { color: #e8eaed; text-decoration: none; }
header a:hover { text-decoration: underline; }
main { padding: 1rem 1.2rem 3rem; max-width: 1200px; }
h1 { font-size: 1.4rem; margin: 0.4rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 0.6rem; }
section.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 0.8rem 1rem; margin-bottom: 1rem; overflow-x: auto; }
section.card h2 { margin-top: 0.2rem; }
.tiles { display: flex; gap: 0.8rem; flex-wrap: wrap; margin-bottom: 1rem; }
.tile { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem 1rem; min-width: 8rem; }
.tile .n { font-size: 1.6rem; font-weight: 700; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 0 1rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; background: #f1f3f4; text-transform: capitalize; }
table.counts td:first-child, table.findings td:nth-child(3), table.history td:first-child { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.wrap { overflow-wrap: anywhere; }
.status { font-weight: 700; text-transform: uppercase; font-size: 0.8rem; }
.status-fail, .n.fail { color: var(--fail); }
.status-pass, .n.pass { color: var(--pass); }
.status-unknown, .n.unknown { color: var(--unknown); }
.status-error, .n.error { color: var(--error); }
.muted, .empty { color: var(--muted); }
pre { background: #f1f3f4; border: 1px solid var(--line); border-radius: 4px; padding: 0.6rem; overflow-x: auto; white-space: pre; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
form.filters { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin-bottom: 1rem; }
form.filters label { display: flex; flex-direction: column; font-size: 0.8rem; color: var(--muted); }
form.filters input, form.filters select { font: inherit; padding: 0.2rem 0.3rem; }
.pager { margin: 0.8rem 0; display: flex; gap: 1rem; }
svg.trend { width: 100%; max-width: 760px; height: auto; background: #fff; }
svg.trend .grid { stroke: var(--line); stroke-width: 1; }
svg.trend .tick, svg.trend .legend { font-size: 11px; fill: var(--muted); }
svg.trend polyline { stroke-width: 2; }
svg.trend polyline.s-fail { stroke: var(--fail); }
svg.trend polyline.s-pass { stroke: var(--pass); }
svg.trend polyline.s-unknown { stroke: var(--unknown); }
svg.trend circle.s-fail, svg.trend rect.s-fail { fill: var(--fail); }
svg.trend circle.s-pass, svg.trend rect.s-pass { fill: var(--pass); }
svg.trend circle.s-unknown, svg.trend rect.s-unknown { fill: var(--unknown); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
footer { color: var(--muted); font-size: 0.8rem; padding: 1rem 1.2rem; }
)css";

const std::string_view kAppJs = R"js('use strict';
// Progressive enhancement only: the pages work without this script.
document.addEventListener('DOMContentLoaded', function () {
  // A filter list submits as soon as a choice changes (the Apply button stays for the text field).
  var form = document.getElementById('filters');
  if (form) {
    form.querySelectorAll('select').forEach(function (select) {
      select.addEventListener('change', function () { form.submit(); });
    });
  }
  // The page's own load time (navigation start to the load event), for measuring the dashboard in a
  // headless browser: `chromium --dump-dom` shows it as <html data-load-ms="...">.
  window.addEventListener('load', function () {
    document.documentElement.setAttribute('data-load-ms', String(Math.round(performance.now())));
  });
  document.documentElement.setAttribute('data-script', 'ready');
});
)js";

}  // namespace stance::serve
