/**
 * Styles of issue 17's views (visitor history, tags, search, load earlier, the call card), apart from ./styles.ts
 * so the console's other features can grow their own without meeting here.
 */
export const PEOPLE_CSS = `
.earlier { display: flex; justify-content: center; margin: 8px 0 4px; }
.history { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
.history-item { border: 1px solid var(--border); border-radius: 8px; background: var(--surface); }
.history-open { display: grid; gap: 2px; width: 100%; padding: 8px 10px; border: 0; background: none; color: inherit; font: inherit; text-align: start; cursor: pointer; border-radius: 8px; }
.history-open:hover { background: var(--surface-2); }
.history-open:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.history-top { display: flex; align-items: center; justify-content: space-between; gap: 8px; font-size: 12.5px; color: var(--text-2); }
.history-text { font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.history-text mark { background: #fff1a8; color: inherit; padding: 0 1px; border-radius: 2px; }
.history-item > .tags { padding: 0 10px 8px; }
.tags { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 0; padding: 0; }
.chip.tagchip { align-items: center; gap: 2px; padding: 0 6px; border-radius: 10px; background: var(--accent-soft); border-color: transparent; color: var(--accent-text); font-size: 11.5px; line-height: 18px; }
.qskill .tagchip { margin-inline-start: 4px; flex: none; }
.chip-x { border: 0; background: none; color: inherit; font: inherit; font-size: 14px; line-height: 1; padding: 0 2px; cursor: pointer; min-width: 20px; min-height: 20px; }
.tag-editor { display: grid; gap: 8px; }
.tag-add { display: flex; gap: 6px; }
.tag-add input { flex: 1; min-width: 0; padding: 5px 8px; border: 1px solid var(--border-strong); border-radius: 6px; font: inherit; font-size: 13px; }
.who-sub.returning { color: var(--accent-text); font-weight: 600; }
.search { display: flex; flex-direction: column; min-height: 0; overflow: auto; padding: 16px 20px; gap: 12px; }
.search h1 { margin: 0; font-size: 18px; }
.search-form { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px 10px; align-items: end; }
.search-form .q { grid-column: 1 / -1; display: flex; gap: 8px; }
.search-form .q input { flex: 1; min-width: 0; }
.search-form label { display: grid; gap: 3px; font-size: 12.5px; color: var(--text-2); }
.search-form input, .search-form select { box-sizing: border-box; height: 34px; padding: 6px 8px; border: 1px solid var(--border-strong); border-radius: 6px; font: inherit; font-size: 13.5px; background: var(--surface); color: var(--text); }
.search-results { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.search-who { font-weight: 600; font-size: 13.5px; }
.call-card { display: flex; align-items: center; gap: 14px; margin: 10px 16px; padding: 14px 16px; border: 1px solid #9bd3b0; border-radius: 12px; background: var(--green-soft); color: var(--text); box-shadow: 0 6px 18px rgba(16, 80, 40, .12); }
.call-avatar { position: relative; flex: none; }
.call-avatar .ring-dot { position: absolute; inset-inline-end: -2px; bottom: -2px; width: 14px; height: 14px; box-shadow: 0 0 0 2px var(--surface); }
.call-who { display: grid; gap: 2px; min-width: 0; }
.call-kicker { display: flex; align-items: center; gap: 6px; color: var(--green); font-size: 12.5px; font-weight: 600; text-transform: uppercase; letter-spacing: .02em; }
.call-kicker svg { width: 14px; height: 14px; }
.call-name { font-size: 18px; line-height: 1.25; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.call-page { font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.call-actions { display: flex; gap: 8px; flex: none; }
.call-actions .btn { min-height: 40px; padding: 0 16px; font-size: 14.5px; }
.call-actions .btn svg { width: 16px; height: 16px; margin-inline-end: 6px; }
.call-bar.wrapup { background: var(--surface-2); }
.ringing-mark { display: inline-flex; align-items: center; gap: 3px; padding: 0 6px; border-radius: 9px; background: var(--green-soft); color: var(--green); font-size: 11.5px; font-weight: 600; line-height: 18px; flex: none; }
.ringing-mark svg { width: 12px; height: 12px; }
@media (prefers-reduced-motion: no-preference) { .ringing-mark svg { animation: ring 1s ease-in-out infinite; } }
@media (max-width: 700px) { .call-card { flex-wrap: wrap; } .call-actions { width: 100%; } .call-actions .btn { flex: 1; } }
/* On a phone the top bar has no room for it (console-phone.test.ts: nothing wider than 390 px): search is a desktop view for now. */
@media (max-width: 720px) { .top-btn.search-btn { display: none; } }
`;
