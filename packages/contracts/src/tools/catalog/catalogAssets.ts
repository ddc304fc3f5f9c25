// The catalog's one stylesheet and its search script: inline in each page, so the pages open from disk, from
// the console, or from any static host without a build step or a request elsewhere.

export const CATALOG_CSS = `
:root { color-scheme: light dark; --fg: #1d2330; --muted: #5b6475; --line: #d9dee7; --accent: #2f6fdf; --bg: #fff; --code: #f4f6fa; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e9ef; --muted: #9aa3b2; --line: #343b48; --accent: #7aa7ff; --bg: #161a21; --code: #1f242d; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 16px 28px; border-bottom: 1px solid var(--line); display: flex; gap: 24px; align-items: baseline; }
header a { color: inherit; text-decoration: none; font-weight: 600; }
main { padding: 20px 28px 48px; max-width: 1100px; }
a { color: var(--accent); }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 28px 0 8px; } h3 { font-size: 16px; margin: 18px 0 6px; }
.muted { color: var(--muted); }
.tag { display: inline-block; padding: 0 8px; border: 1px solid var(--line); border-radius: 10px; font-size: 12px; color: var(--muted); margin-left: 6px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
pre { background: var(--code); padding: 12px; border-radius: 6px; overflow: auto; font-size: 12.5px; max-height: 420px; }
code { font-size: 13px; }
details { margin: 6px 0; } summary { cursor: pointer; color: var(--muted); }
#search { width: 100%; max-width: 520px; padding: 8px 12px; font-size: 15px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
.empty { display: none; }
`;

// Filters the index's rows by every word typed (name, owner, description, fields, consumers).
export const CATALOG_SEARCH_JS = `
const input = document.getElementById('search');
const rows = [...document.querySelectorAll('[data-search]')];
const empty = document.getElementById('no-match');
function filter() {
  const words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
  let shown = 0;
  for (const row of rows) {
    const hit = words.every((w) => row.dataset.search.includes(w));
    row.hidden = !hit;
    if (hit) shown++;
  }
  empty.style.display = shown === 0 ? 'block' : 'none';
}
input.addEventListener('input', filter);
const q = new URLSearchParams(location.search).get('q');
if (q) { input.value = q; filter(); }
`;
