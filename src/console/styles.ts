/**
 * The console's stylesheet, adopted as a constructable stylesheet: the page's CSP allows no inline
 * styles, so nothing here is ever a `<style>` string or a `style=""` attribute.
 */
import { PEOPLE_CSS } from './peopleStyles';
const CSS = /* css */ `
:root {
  --bg: #f2f3f6;
  --surface: #ffffff;
  --surface-2: #f7f8fa;
  --hover: #eef0f4;
  --border: #e1e4ea;
  --border-strong: #c9ced8;
  --text: #151a24;
  --text-2: #434b5a;
  --text-3: #5b6475;
  --accent: #2b4fd8;
  --accent-hover: #2242bd;
  --accent-soft: #ebefff;
  --accent-text: #2441c2;
  --green: #136c3a;
  --green-soft: #e3f4ea;
  --amber: #8a4500;
  --amber-soft: #fdf0dc;
  --red: #b3261e;
  --red-soft: #fdeceb;
  --top: #121826;
  --top-2: #1e2638;
  --top-text: #eef1f6;
  --top-muted: #b5bdcb;
  --radius: 10px;
  --shadow: 0 1px 2px rgba(16, 24, 40, .06), 0 1px 3px rgba(16, 24, 40, .08);
  --shadow-lg: 0 12px 32px rgba(16, 24, 40, .18), 0 2px 6px rgba(16, 24, 40, .08);
  color-scheme: light;
}
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body {
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--text);
  background: var(--bg);
  -webkit-font-smoothing: antialiased;
}
#app { height: 100%; }
button, input, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
button:disabled { cursor: default; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 4px; }
.sr-only {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.skip {
  position: absolute; inset-inline-start: 8px; top: -48px; z-index: 50; padding: 8px 12px; border-radius: 8px;
  background: var(--surface); color: var(--accent-text); box-shadow: var(--shadow-lg); font-weight: 600;
}
.skip:focus { top: 8px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
svg.icon { width: 16px; height: 16px; flex: none; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }

/* ---- buttons ---- */
.btn {
  display: inline-flex; align-items: center; justify-content: center; gap: 6px;
  height: 34px; padding: 0 14px; border-radius: 8px; border: 1px solid var(--border-strong);
  background: var(--surface); font-weight: 600; font-size: 13.5px; white-space: nowrap;
  transition: background-color .12s, border-color .12s, box-shadow .12s;
}
.btn:hover:not(:disabled) { background: var(--hover); }
.btn.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
.btn.primary:hover:not(:disabled) { background: var(--accent-hover); border-color: var(--accent-hover); }
.btn.danger { color: var(--red); }
.btn.danger.solid { background: var(--red); border-color: var(--red); color: #fff; }
.btn.danger.solid:hover:not(:disabled) { background: #951f18; }
.btn.small { height: 28px; padding: 0 10px; font-size: 12.5px; border-radius: 7px; }
.btn.ghost { border-color: transparent; background: transparent; }
.btn.ghost:hover:not(:disabled) { background: var(--hover); }
.btn:disabled { opacity: .6; }
.link-btn { border: 0; background: none; padding: 0; color: var(--accent-text); font-weight: 600; text-decoration: underline; text-underline-offset: 2px; }

/* ---- login ---- */
.login {
  min-height: 100%; display: grid; place-items: center; padding: 32px;
  background:
    radial-gradient(1200px 600px at 10% -10%, #dfe6ff 0%, transparent 60%),
    radial-gradient(900px 500px at 110% 110%, #e4f3ec 0%, transparent 55%),
    var(--bg);
}
.login-card {
  width: 100%; max-width: 400px; background: var(--surface); border: 1px solid var(--border);
  border-radius: 16px; box-shadow: var(--shadow-lg); padding: 36px 36px 28px;
}
.brand { display: flex; align-items: center; gap: 10px; font-weight: 700; font-size: 16px; letter-spacing: -.01em; }
.brand-mark {
  width: 30px; height: 30px; border-radius: 8px; display: grid; place-items: center;
  background: linear-gradient(135deg, #3a5cf0, #2440c0); color: #fff;
}
.brand-mark svg { width: 18px; height: 18px; }
.brand small { font-weight: 500; color: var(--text-3); font-size: 13px; }
.login h1 { font-size: 22px; line-height: 1.25; margin: 26px 0 6px; letter-spacing: -.015em; }
.login .intro { margin: 0 0 22px; color: var(--text-3); }
.field { display: grid; gap: 6px; margin-bottom: 14px; }
.field label { font-weight: 600; font-size: 13px; }
.input {
  width: 100%; height: 40px; padding: 0 12px; border-radius: 8px; border: 1px solid var(--border-strong);
  background: var(--surface); transition: border-color .12s, box-shadow .12s;
}
.input:hover { border-color: #aab1bf; }
.input:focus { outline: none; border-color: var(--accent); box-shadow: 0 0 0 3px rgba(43, 79, 216, .2); }
.login .btn.primary { width: 100%; height: 42px; margin-top: 6px; font-size: 14.5px; }
.form-error {
  display: flex; gap: 8px; align-items: flex-start; margin: 0 0 16px; padding: 10px 12px; border-radius: 8px;
  background: var(--red-soft); color: var(--red); font-weight: 500;
}
.form-error svg { margin-top: 2px; }
.form-note { margin: 0 0 16px; padding: 10px 12px; border-radius: 8px; background: var(--accent-soft); color: var(--accent-text); }
.login-foot { margin: 22px 0 0; font-size: 12.5px; color: var(--text-3); text-align: center; }
.splash { height: 100%; display: grid; place-items: center; color: var(--text-3); }

/* ---- workspace ---- */
.ws { height: 100%; display: grid; grid-template-rows: auto auto minmax(0, 1fr); min-width: 1000px; }
.topbar {
  display: flex; align-items: center; gap: 16px; height: 52px; padding: 0 16px;
  background: var(--top); color: var(--top-text);
}
.topbar .brand-mark { width: 28px; height: 28px; }
.topbar .brand small { color: var(--top-muted); }
.topbar .spacer { flex: 1; }
.conn {
  display: inline-flex; align-items: center; gap: 7px; height: 26px; padding: 0 10px; border-radius: 999px;
  background: var(--top-2); color: var(--top-text); font-size: 12.5px; font-weight: 600;
}
.conn .dot { width: 8px; height: 8px; border-radius: 50%; background: #3ccf7a; box-shadow: 0 0 0 3px rgba(60, 207, 122, .18); }
.conn.down .dot { background: #f5a524; box-shadow: 0 0 0 3px rgba(245, 165, 36, .2); }
.top-btn {
  display: inline-flex; align-items: center; gap: 7px; height: 32px; padding: 0 10px; border-radius: 8px;
  border: 1px solid transparent; background: transparent; color: var(--top-text); font-size: 13px; font-weight: 500;
  white-space: nowrap;
}
.top-btn:hover:not(:disabled) { background: var(--top-2); }
.top-btn[aria-pressed="false"] { color: var(--top-muted); }
.top-btn:disabled, .top-btn.muted-top { color: var(--top-muted); opacity: 1; }
span.top-btn { cursor: default; }
.top-stat { font-size: 12.5px; color: var(--top-muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.topbar :focus-visible { outline-color: #8fa6ff; }
.me { display: flex; align-items: center; gap: 9px; padding-inline-start: 12px; border-inline-start: 1px solid #2c3447; }
.me-name { font-weight: 600; font-size: 13px; white-space: nowrap; }
/* Below 1600 px the top bar keeps one line: the long notifications label becomes its bell (named by its title). */
@media (max-width: 1599px) {
  .topbar { gap: 10px; }
  .topbar .brand small { display: none; }
  .top-btn.bell-btn { font-size: 0; gap: 0; padding: 0 8px; }
}
.avatar {
  flex: none; width: 34px; height: 34px; border-radius: 50%; display: grid; place-items: center;
  color: #fff; font-weight: 700; font-size: 13px; letter-spacing: .02em; background: #4b5563;
}
.avatar.sm { width: 28px; height: 28px; font-size: 11.5px; }
.avatar.lg { width: 44px; height: 44px; font-size: 16px; }
.avatar.c0 { background: #3b4fc4; } .avatar.c1 { background: #0f766e; } .avatar.c2 { background: #9a3412; }
.avatar.c3 { background: #6d28d9; } .avatar.c4 { background: #be185d; } .avatar.c5 { background: #1d4ed8; }
.avatar.c6 { background: #4d7c0f; } .avatar.c7 { background: #a16207; }

.banner {
  display: flex; align-items: center; gap: 12px; padding: 8px 16px; font-weight: 500;
  background: var(--amber-soft); color: var(--amber); border-bottom: 1px solid #f3d9ae;
}
.banner .btn { height: 28px; }
.banner .muted { color: var(--amber); font-weight: 400; }
.banner.error { background: var(--red-soft); color: var(--red); border-bottom-color: #f5c9c5; }
.banner .grow { flex: 1; }
.call-bar { display: flex; align-items: center; gap: 10px; padding: 8px 16px; border-bottom: 1px solid var(--border); background: var(--surface); }
.call-bar .grow { flex: 1; min-width: 0; }
.call-bar .muted { color: var(--text-3); }
.call-bar.ringing { background: var(--green-soft); color: var(--green); }
.call-bar.active { background: var(--accent-soft); color: var(--accent-text); }
.call-bar .btn[aria-pressed="true"] { background: var(--text); color: #fff; }
/* A scanned code in the thread (ScannedCode.tsx): data, not prose. */
.scanned { display: flex; flex-direction: column; gap: 4px; }
.scanned-kind { font-size: .85em; color: var(--text-2); }
.scanned-value { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 1.05em; user-select: all; overflow-wrap: anywhere; }
/* Video in a call (CallVideo.tsx): the visitor's camera large, the agent's preview small in its corner. */
.call-video { display: flex; align-items: flex-end; flex-wrap: wrap; gap: 6px 12px; padding: 8px 16px; border-bottom: 1px solid var(--border); background: var(--surface); }
.cv-stage { position: relative; width: min(100%, calc(min(28vh, 240px) * 16 / 9)); aspect-ratio: 16 / 9; background: #111; border-radius: 8px; overflow: hidden; }
.cv-stage.alone { width: min(100%, calc(min(28vh, 240px) * 4 / 3)); aspect-ratio: 4 / 3; }
.cv-remote { width: 100%; height: 100%; object-fit: contain; display: block; }
.cv-local { position: absolute; inset-inline-end: 8px; bottom: 8px; width: 28%; aspect-ratio: 4 / 3; object-fit: cover; border: 2px solid #fff; border-radius: 6px; background: #333; }
.cv-stage.alone .cv-local { position: static; width: 100%; height: 100%; border: 0; border-radius: 0; }
.cv-note { margin: 0; display: inline-flex; align-items: center; gap: 6px; font-size: .9em; color: var(--text-2); }
.cv-note.live { color: var(--red); font-weight: 600; }
.rec-dot { width: 10px; height: 10px; border-radius: 50%; background: var(--red); flex: none; }
.ring-dot { width: 10px; height: 10px; border-radius: 50%; background: var(--green); animation: ring 1s ease-in-out infinite; flex: none; }
@keyframes ring { 50% { transform: scale(1.5); opacity: .5; } }
@media (prefers-reduced-motion: reduce) { .ring-dot { animation: none; } }
.spin { width: 14px; height: 14px; border-radius: 50%; border: 2px solid currentColor; border-inline-end-color: transparent; animation: spin .8s linear infinite; flex: none; }
@keyframes spin { to { transform: rotate(360deg); } }

.cols { display: grid; grid-template-columns: 320px minmax(0, 1fr) 360px; min-height: 0; }
@media (max-width: 1279px) { .cols { grid-template-columns: 290px minmax(0, 1fr) 320px; } }
@media (max-width: 1099px) {
  .cols { grid-template-columns: 264px minmax(0, 1fr) 284px; }
  .thread-head { padding: 10px 14px; gap: 10px; }
  .thread-head .avatar { display: none; }
  .topbar .brand small { display: none; }
  .kv { grid-template-columns: minmax(72px, auto) 1fr; }
}
.ref { font-weight: 500; color: var(--text-3); font-size: .88em; font-variant-numeric: tabular-nums; }

/* ---- sidebar ---- */
.side { background: var(--surface); border-inline-end: 1px solid var(--border); min-height: 0; display: flex; flex-direction: column; overflow: hidden; }
.side-section + .side-section { border-top: 1px solid var(--border); }
/* The queue scrolls in its own area (a virtual list: only the rows in view exist), so however long
   it is, the agent's own conversations and the phone lookup stay on screen below it. */
.side-section[data-testid=queue] { flex: 0 1 auto; min-height: 190px; display: flex; flex-direction: column; }
.side-section[data-testid=mine] { flex: 0 0 auto; max-height: 45%; overflow-y: auto; }
.side > :last-child:not(.side-section) { flex: none; }
.vscroll { flex: 0 1 auto; min-height: 0; overflow-y: auto; overscroll-behavior: contain; }
.vlist { box-sizing: border-box; }
.vlist > li.qitem { box-sizing: border-box; overflow: hidden; margin: 0; padding-bottom: 2px; }
.side-head {
  position: sticky; top: 0; z-index: 2; display: flex; align-items: center; gap: 8px;
  padding: 14px 16px 10px; background: var(--surface);
}
.side-head h2 { margin: 0; font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: var(--text-2); }
.count {
  min-width: 22px; height: 20px; padding: 0 7px; border-radius: 999px; display: inline-grid; place-items: center;
  background: var(--hover); color: var(--text-2); font-size: 12px; font-weight: 700;
}
.count.hot { background: var(--accent); color: #fff; }
.filter { position: relative; padding: 0 12px 10px; }
.filter svg { position: absolute; inset-inline-start: 24px; top: 10px; color: var(--text-3); pointer-events: none; }
.filter .input { height: 36px; padding-inline-start: 34px; font-size: 13.5px; background: var(--surface-2); }
.phone-form { display: flex; gap: 8px; align-items: center; }
.skill-filter .input { padding-inline-start: 12px; }
.qskill { display: flex; align-items: center; gap: 6px; font-size: 12.5px; color: var(--text-2, #4a4a4a); }
.tag.skill { background: #e8f0fe; color: #1a4fb8; }
.phone-form .input { flex: 1; min-width: 0; letter-spacing: .06em; }
.callbacks { list-style: none; margin: 0; padding: 0 12px 8px; display: grid; gap: 8px; }
.cbk { padding: 8px 10px; border: 1px solid var(--border); border-radius: 10px; font-size: 13.5px; }
.cbk.due { border-color: #b45309; background: #fffbeb; }
.cbk-top { display: flex; justify-content: space-between; gap: 8px; font-weight: 600; }
.cbk-when { font-weight: 400; color: var(--text-2); white-space: nowrap; }
.cbk-when.due { color: #92400e; font-weight: 600; }
.cbk-when svg { width: 14px; height: 14px; vertical-align: -2px; }
.cbk-phone { margin: 2px 0 6px; }
.cbk-actions { display: flex; flex-wrap: wrap; gap: 6px; }
.phone-found { margin: 0 12px 12px; padding: 10px 12px; border: 1px solid var(--border, #d6d6d6); border-radius: 10px; }
.phone-found-kv { display: grid; grid-template-columns: auto 1fr; gap: 4px 10px; margin: 0 0 8px; font-size: 13.5px; }
.phone-found-kv dt { color: var(--text-3); }
.phone-found-kv dd { margin: 0; overflow-wrap: anywhere; }
.list { list-style: none; margin: 0; padding: 0 8px 10px; }
.empty { margin: 4px 16px 16px; padding: 14px; border: 1px dashed var(--border-strong); border-radius: var(--radius); color: var(--text-3); font-size: 13px; text-align: center; }

.qitem { position: relative; border-radius: var(--radius); }
.qitem + .qitem { margin-top: 2px; }
.qopen {
  display: flex; gap: 10px; width: 100%; text-align: start; padding: 10px; border: 0; border-radius: var(--radius);
  background: transparent;
}
.qitem .qlast, .qitem .qpage, .qitem .qoffline, .qitem .qbot { padding-inline-end: 68px; }
.qopen:hover { background: var(--hover); }
.qitem.selected .qopen, .mitem.selected .qopen { background: var(--accent-soft); box-shadow: inset 3px 0 0 var(--accent); }
.qmain { min-width: 0; flex: 1; display: grid; gap: 2px; }
/* Fixed line heights: a queue row's height follows from its lines (queueRowHeight in Sidebar.tsx). */
.qtop { display: flex; align-items: center; gap: 5px; min-width: 0; height: 20px; }
.qskill, .qpage, .qlast, .qoffline { height: 18px; line-height: 18px; }
.qcsat { flex: none; font-size: 12px; font-weight: 600; color: #1f5f3a; white-space: nowrap; }
.reports { overflow: auto; padding: 20px 24px 40px; background: var(--bg, #f6f7f9); }
.reports-head { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; margin: 0 0 16px; }
.reports-head h1 { margin: 0; font-size: 20px; }
.reports .seg { display: flex; gap: 4px; }
.reports .seg .btn[aria-pressed="true"] { background: var(--accent, #2346d6); color: #fff; border-color: var(--accent, #2346d6); }
.reports .spacer { flex: 1; }
.insights-total { margin: 0 0 14px; font-size: 14px; }
.insights-total .muted { display: block; font-size: 12.5px; margin-top: 2px; }
.insight-list { display: grid; gap: 16px; }
/* The chart beside its table on a wide screen, above it on a narrow one. */
.insight-body { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 2fr); gap: 16px; align-items: start; }
/* Relative: the screen-reader-only text in its cells scrolls with it, never widening the page. */
.table-wrap { overflow-x: auto; position: relative; }
.table-wrap:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.insight-table { width: 100%; border-collapse: collapse; font-size: 13px; }
.insight-table th, .insight-table td { padding: 5px 8px; border-bottom: 1px solid var(--border, #d8dbe0); text-align: end; white-space: nowrap; }
.insight-table thead th { font-size: 12px; color: var(--text-2, #4a5160); font-weight: 600; white-space: normal; vertical-align: bottom; }
.insight-table th.driver, .insight-table thead th:nth-child(2) { text-align: start; white-space: normal; font-weight: 500; min-width: 160px; max-width: 340px; overflow-wrap: anywhere; }
.insight-table .driver-label { display: block; font-size: 12px; }
.insight-table td.question { text-align: start; white-space: normal; min-width: 180px; }
.insight-table .up { color: #b42318; }
.insight-table .down { color: #1f5f3a; }
.insight-table .examples .link-btn { min-width: 24px; min-height: 24px; margin-inline-start: 4px; }
a.btn { text-decoration: none; color: inherit; }
@media (max-width: 900px) { .insight-body { grid-template-columns: minmax(0, 1fr); } }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 480px), 1fr)); gap: 16px; }
.chart { margin: 0; padding: 14px 16px; border: 1px solid var(--border, #d8dbe0); border-radius: 10px; background: #fff; }
.chart h2 { margin: 0 0 4px; font-size: 15px; }
.chart-sum { margin: 0 0 8px; color: var(--text-2, #4a5160); font-size: 13px; }
.bars { display: block; width: 100%; height: auto; }
.bars .grid { stroke: #e3e6ea; stroke-width: 1; }
.bars .axis { fill: #5b6270; font-size: 11px; }
.b1 { fill: #2346d6; background: #2346d6; }
.b2 { fill: #7c3aed; background: #7c3aed; }
.b3 { fill: #0f8a5f; background: #0f8a5f; }
.b4 { fill: #c2410c; background: #c2410c; }
.b5 { fill: #9aa3b2; background: #9aa3b2; }
.legend { display: flex; gap: 14px; margin: 6px 0 0; font-size: 12px; color: var(--text-2, #4a5160); }
.legend i { display: inline-block; width: 10px; height: 10px; margin-inline-end: 6px; border-radius: 2px; vertical-align: -1px; }
.notice.csat { background: #eef6f0; border-color: #b8dcc4; color: #1a3d27; }
.notice.csat.s1, .notice.csat.s2 { background: #fdf0ef; border-color: #f0c4c0; color: #6b1d16; }
.qname { font-weight: 650; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.check { color: var(--green); display: inline-flex; }
.check svg { width: 15px; height: 15px; stroke-width: 2.4; }
.check[data-verified-field=email] { margin-inline-start: 4px; vertical-align: -3px; }
.check[data-verified-field=email] svg { width: 13px; height: 13px; }
.qwait { margin-inline-start: auto; flex: none; font-size: 12px; color: var(--text-3); white-space: nowrap; }
.qwait.long { color: var(--red); font-weight: 600; }
.qpage, .qlast { font-size: 12.5px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.qpage { color: var(--text-3); display: flex; align-items: center; gap: 4px; }
.qpage svg { width: 12px; height: 12px; }
.qpage span, .qoffline span { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.qlast { color: var(--text-2); }
.qoffline { display: flex; align-items: center; gap: 4px; font-size: 12px; font-weight: 600; color: var(--amber); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.qoffline svg { width: 13px; height: 13px; }
.ctx-trigger { display: flex; gap: 8px; margin: 0; padding: 10px 16px; background: var(--amber-soft); color: var(--text); border-bottom: 1px solid var(--border); font-size: 13px; }
.ctx-trigger svg { flex: none; width: 16px; height: 16px; margin-top: 2px; color: var(--amber); }
.ctx-trigger code { display: block; margin-top: 2px; font-size: 12px; color: var(--text-2); overflow-wrap: anywhere; }
.qbot { display: inline-flex; align-items: center; gap: 4px; font-size: 12px; font-weight: 600; color: var(--text-2); overflow: hidden; white-space: nowrap; }
.qbot.handed_over { color: var(--accent-text); }
.qbot svg { width: 13px; height: 13px; }
.qitem .claim { position: absolute; inset-inline-end: 10px; bottom: 6px; }
.qitem .claim.busy { pointer-events: none; }
.mitem .qopen { align-items: flex-start; }
.mitem.unread .qname, .mitem.unread .qlast { font-weight: 700; color: var(--text); }
.badge-unread {
  margin-inline-start: auto; min-width: 20px; height: 20px; padding: 0 6px; border-radius: 999px; display: inline-grid; place-items: center;
  background: var(--accent); color: #fff; font-size: 11.5px; font-weight: 700; flex: none;
}
.mtime { margin-inline-start: auto; font-size: 12px; color: var(--text-3); flex: none; }
.tag {
  display: inline-flex; align-items: center; height: 20px; padding: 0 7px; border-radius: 6px; font-size: 11.5px; font-weight: 700;
  background: var(--hover); color: var(--text-2); flex: none;
}
.tag.waiting { background: var(--accent-soft); color: var(--accent-text); }
.tag.active { background: var(--green-soft); color: var(--green); }
.tag.offline { background: var(--amber-soft); color: var(--amber); }
.tag.closed { background: var(--hover); color: var(--text-2); }

/* ---- thread ---- */
.thread:focus { outline: none; }
.thread { display: grid; grid-template-rows: auto auto minmax(0, 1fr) auto auto; min-height: 0; min-width: 0; background: var(--surface-2); }
.thread-head {
  display: flex; align-items: center; gap: 12px; padding: 12px 20px; background: var(--surface);
  border-bottom: 1px solid var(--border); min-height: 68px;
}
.thread-head h1 { margin: 0; font-size: 16.5px; line-height: 1.25; display: flex; align-items: center; gap: 6px; min-width: 0; }
.thread-head h1 span.t { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.thread-sub { color: var(--text-3); font-size: 12.5px; display: flex; gap: 8px; align-items: center; min-width: 0; white-space: nowrap; overflow: hidden; }
.thread-sub .sep { color: var(--border-strong); }
.thread-id { min-width: 0; flex: 1; display: grid; gap: 2px; }
.thread-actions { display: flex; gap: 8px; flex: none; }
.notice {
  display: flex; gap: 10px; align-items: center; padding: 10px 20px; font-size: 13px;
  background: var(--accent-soft); color: var(--accent-text); border-bottom: 1px solid #d6ddfb;
}
.notice.closed { background: var(--hover); color: var(--text-2); border-bottom-color: var(--border); }
.notice.offline { background: var(--amber-soft); color: var(--amber); border-bottom-color: #f3d9ae; }
.notice .grow { flex: 1; }
.notice q { font-style: italic; }
.msgs-wrap { overflow-y: auto; min-height: 0; }
.msgs { list-style: none; margin: 0 auto; padding: 20px 24px 8px; max-width: 860px; display: flex; flex-direction: column; }
.day { align-self: center; margin: 14px 0 10px; font-size: 12px; font-weight: 600; color: var(--text-3); background: var(--surface); border: 1px solid var(--border); padding: 2px 10px; border-radius: 999px; }
.msg { display: flex; flex-direction: column; max-width: min(78%, 620px); margin-top: 2px; }
.msg.first { margin-top: 12px; }
.msg.visitor { align-self: flex-start; align-items: flex-start; }
.msg.agent { align-self: flex-end; align-items: flex-end; }
.msg.bot { align-self: flex-end; align-items: flex-end; }
.msg.bot .bubble { background: var(--surface-2); border: 1px dashed var(--border-strong, #9aa3b5); border-end-end-radius: 6px; }
.bot-badge { display: inline-block; margin-inline-start: 6px; padding: 0 5px; border-radius: 4px; background: var(--hover); color: var(--text-2); font-size: 11px; font-weight: 700; letter-spacing: .02em; }
.msg.system { align-self: center; align-items: center; max-width: 90%; margin: 12px 0; }
.who { font-size: 12px; font-weight: 600; color: var(--text-2); margin: 0 4px 3px; }
.bubble {
  padding: 9px 13px; border-radius: 16px; white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word;
  background: var(--surface); border: 1px solid var(--border); box-shadow: 0 1px 1px rgba(16, 24, 40, .04);
}
.msg.visitor .bubble { border-end-start-radius: 6px; }
.msg.agent .bubble { background: var(--accent); border-color: var(--accent); color: #fff; border-end-end-radius: 6px; }
.msg.agent .bubble a { color: #fff; }
.msg.agent.other .bubble { background: #3c4458; border-color: #3c4458; }
.msg.system .bubble { background: transparent; border: 0; box-shadow: none; color: var(--text-3); font-size: 12.5px; padding: 2px 8px; text-align: center; }
.msg.sending .bubble { background: #4560d9; border-color: #4560d9; }
.msg.failed .bubble { background: var(--surface); color: var(--text); border: 1px solid var(--red); }
.msg.failed .bubble a { color: var(--accent-text); }
.bubble a { color: var(--accent-text); text-decoration: underline; text-underline-offset: 2px; }
.meta { display: flex; gap: 6px; align-items: center; font-size: 11.5px; color: var(--text-3); margin: 3px 6px 0; }
.meta .fail { color: var(--red); font-weight: 600; }
.meta .link-btn { font-size: 11.5px; }
.meta .link-btn.danger { color: var(--red); }
.typing { display: flex; align-items: center; gap: 8px; padding: 0 28px 8px; min-height: 26px; font-size: 12.5px; color: var(--text-3); }
.dots { display: inline-flex; gap: 3px; padding: 7px 9px; border-radius: 12px; background: var(--surface); border: 1px solid var(--border); }
.dots i { width: 5px; height: 5px; border-radius: 50%; background: #7b8496; animation: blink 1.2s infinite ease-in-out; }
.dots i:nth-child(2) { animation-delay: .15s; } .dots i:nth-child(3) { animation-delay: .3s; }
@keyframes blink { 0%, 80%, 100% { opacity: .3; transform: translateY(0); } 40% { opacity: 1; transform: translateY(-2px); } }
@media (prefers-reduced-motion: reduce) { .dots i, .spin { animation: none; } }

.composer { padding: 0 20px 16px; }
.composer-box {
  max-width: 860px; margin: 0 auto; background: var(--surface); border: 1px solid var(--border-strong); border-radius: 12px;
  box-shadow: var(--shadow); transition: border-color .12s, box-shadow .12s;
}
.composer-box:focus-within { border-color: var(--accent); box-shadow: 0 0 0 3px rgba(43, 79, 216, .18); }
.composer textarea {
  display: block; width: 100%; min-height: 64px; max-height: 240px; resize: none; border: 0; padding: 12px 14px 6px;
  background: transparent; line-height: 1.5; border-radius: 12px 12px 0 0;
}
.composer textarea:focus { outline: none; }
.composer-foot { display: flex; align-items: center; gap: 12px; padding-block: 6px 8px; padding-inline: 14px 8px; }
.composer-foot .hint { font-size: 12px; color: var(--text-3); flex: 1; }
.counter { font-size: 12px; color: var(--text-3); font-variant-numeric: tabular-nums; }
.counter.over { color: var(--red); font-weight: 700; }
/* Internal notes: the team's only, in the yellow peers use for them, with a lock. */
.msg.note { align-self: flex-end; align-items: flex-end; }
.msg.note .who { display: inline-flex; align-items: center; gap: 4px; color: var(--amber); }
.msg.note .who .icon { width: 13px; height: 13px; }
.msg.note .bubble { background: #fff6d6; border: 1px solid #e8c65a; color: var(--text); border-end-end-radius: 6px; }
.msg.note.sending .bubble { background: #fffbea; border-style: dashed; }
.msg.note.failed .bubble { border-color: var(--red); }
.composer-modes { max-width: 860px; margin: 0 auto 6px; display: flex; gap: 4px; }
.composer-modes .mode {
  display: inline-flex; align-items: center; gap: 5px; border: 1px solid transparent; background: transparent; color: var(--text-2);
  font-size: 12.5px; font-weight: 600; padding: 4px 10px; border-radius: 999px; cursor: pointer;
}
.composer-modes .mode .icon { width: 13px; height: 13px; }
.composer-modes .mode:hover { background: var(--hover); }
.composer-modes .mode[aria-checked="true"] { background: var(--accent-soft); color: var(--accent-text); border-color: #c7d2fe; }
.composer-modes .mode.note[aria-checked="true"] { background: #fff1c2; color: var(--amber); border-color: #e8c65a; }
.composer.noting .composer-box { background: #fffbea; border-color: #e8c65a; }
.composer.noting .composer-box:focus-within { border-color: #c99a06; box-shadow: 0 0 0 3px rgba(201, 154, 6, .22); }
.btn.primary.note { background: var(--amber); border-color: var(--amber); }
.btn.primary.note:hover:not(:disabled) { background: #6f3700; border-color: #6f3700; }
.closed-bar { padding: 14px 20px 18px; text-align: center; color: var(--text-3); }
.claim-bar { display: flex; justify-content: center; align-items: center; gap: 14px; padding: 14px 20px 18px; color: var(--text-2); border-top: 1px solid var(--border); background: var(--surface); }

.blank { display: grid; place-items: center; height: 100%; padding: 40px; text-align: center; color: var(--text-3); }
.blank h1 { font-size: 18px; color: var(--text); margin: 14px 0 6px; }
.blank p { margin: 0; max-width: 340px; }
.blank-art { width: 72px; height: 72px; border-radius: 20px; display: grid; place-items: center; margin: 0 auto; background: var(--accent-soft); color: var(--accent-text); }
.blank-art svg { width: 34px; height: 34px; stroke-width: 1.6; }
.loading { padding: 40px; text-align: center; color: var(--text-3); }

/* ---- context panel ---- */
.ctx { background: var(--surface); border-inline-start: 1px solid var(--border); overflow-y: auto; min-height: 0; }
.ctx-head { padding: 16px 18px 14px; border-bottom: 1px solid var(--border); display: flex; gap: 12px; align-items: center; }
.ctx-head .who-name { font-weight: 700; font-size: 15px; display: flex; align-items: center; gap: 6px; }
.ctx-head .who-sub { color: var(--text-3); font-size: 12.5px; overflow-wrap: anywhere; }
.ctx-sec { border-bottom: 1px solid var(--border); }
.ctx-sec > summary {
  list-style: none; display: flex; align-items: center; gap: 8px; padding: 12px 18px; cursor: pointer; user-select: none;
}
.ctx-sec > summary::-webkit-details-marker { display: none; }
.ctx-sec > summary:hover { background: var(--surface-2); }
.ctx-sec > summary h2 { margin: 0; font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--text-2); }
.ctx-sec > summary .chev { margin-inline-start: auto; color: var(--text-3); transition: transform .15s; }
.ctx-sec[open] > summary .chev { transform: rotate(180deg); }
.ctx-sec > summary .count { margin-inline-start: 2px; }
.ctx-body { padding: 0 18px 14px; }
.ctx-body p { margin: 0; }
.muted { color: var(--text-3); }
.kv { display: grid; grid-template-columns: minmax(86px, auto) 1fr; gap: 7px 12px; margin: 0; font-size: 13px; }
.kv dt { color: var(--text-3); }
.kv dd { margin: 0; min-width: 0; overflow-wrap: anywhere; display: flex; align-items: baseline; gap: 6px; flex-wrap: wrap; }
.kv dd .v { min-width: 0; }
/* URLs fold at their / ? & = (view/UrlText.tsx), inside a part only when it alone is too wide. */
.kv dd .url { overflow-wrap: break-word; }
.kv .contents { display: contents; }
.kv dd.full { grid-column: 1 / -1; }
.kv.spaced { margin-top: 10px; }
.sub-h { margin: 14px 0 8px; font-size: 12px; font-weight: 600; color: var(--text-3); }
p.small { font-size: 12px; margin-top: 6px; }
.badge {
  display: inline-flex; align-items: center; gap: 3px; height: 19px; padding: 0 6px; border-radius: 5px;
  font-size: 11px; font-weight: 700; letter-spacing: .01em; flex: none; white-space: nowrap;
}
.badge svg { width: 11px; height: 11px; stroke-width: 3; }
.badge.verified { background: var(--green-soft); color: var(--green); }
.badge.unverified { background: var(--amber-soft); color: var(--amber); }
.page-card { border: 1px solid var(--border); border-radius: var(--radius); padding: 10px 12px; background: var(--surface-2); display: grid; gap: 3px; }
.page-title { font-weight: 650; overflow-wrap: anywhere; }
.page-path { color: var(--text-2); overflow-wrap: anywhere; }
.page-meta { display: flex; align-items: center; gap: 5px; font-size: 12.5px; color: var(--text-3); margin-top: 3px; }
.page-meta svg { width: 13px; height: 13px; }
.ref { margin-top: 8px; font-size: 12.5px; color: var(--text-3); overflow-wrap: anywhere; }
.timeline { list-style: none; margin: 0; padding: 0; position: relative; }
.timeline li { position: relative; padding-block: 0 12px; padding-inline: 20px 0; }
.timeline li::before { content: ""; position: absolute; inset-inline-start: 4px; top: 7px; width: 8px; height: 8px; border-radius: 50%; background: var(--border-strong); }
.timeline li::after { content: ""; position: absolute; inset-inline-start: 7.5px; top: 18px; bottom: -2px; width: 1px; background: var(--border); }
.timeline li:last-child::after { display: none; }
.timeline li.current::before { background: var(--accent); box-shadow: 0 0 0 3px var(--accent-soft); }
.tl-title { font-weight: 600; font-size: 13px; overflow-wrap: anywhere; }
.tl-path { color: var(--text-2); overflow-wrap: anywhere; display: block; }
.tl-meta { font-size: 12px; color: var(--text-3); }
.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip { display: inline-flex; border: 1px solid var(--border); border-radius: 6px; overflow: hidden; font-size: 12px; }
.chip b { font-weight: 600; background: var(--surface-2); padding: 2px 6px; color: var(--text-2); border-inline-end: 1px solid var(--border); }
.chip span { padding: 2px 6px; overflow-wrap: anywhere; }
.signals { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.self-service { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
.self-service li { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 8px; }
.ss-title { font-weight: 600; }
.ss-answer { font-size: 12px; font-weight: 600; padding: 0 6px; border-radius: 4px; background: var(--surface-2); color: var(--text-2); }
.ss-answer.yes { background: var(--green-soft); color: var(--green); }
.ss-answer.no { background: var(--amber-soft); color: var(--amber); }
.self-service .tl-meta { width: 100%; }
.signal { border: 1px solid #f2d3cf; background: #fff8f7; border-radius: var(--radius); padding: 8px 10px; display: grid; gap: 2px; }
.signal-top { display: flex; align-items: center; gap: 6px; font-weight: 650; color: var(--red); font-size: 13px; }
.signal-top .times { margin-inline-start: auto; background: var(--red); color: #fff; border-radius: 999px; padding: 0 7px; font-size: 11.5px; line-height: 18px; }
.signal code { color: var(--text); overflow-wrap: anywhere; }
.signal .tl-meta { overflow-wrap: anywhere; }
.ctx-foot { padding: 12px 18px 18px; font-size: 12px; color: var(--text-3); }
.ctx-empty { padding: 32px 22px; text-align: center; color: var(--text-3); }

/* ---- dialog ---- */
dialog.modal {
  width: min(480px, calc(100vw - 32px)); border: 0; border-radius: 14px; padding: 0; box-shadow: var(--shadow-lg); color: var(--text);
}
dialog.modal::backdrop { background: rgba(17, 24, 39, .45); }
.modal form { padding: 22px 22px 18px; }
.modal h2 { margin: 0 0 6px; font-size: 17px; }
.modal p { margin: 0 0 16px; color: var(--text-3); }
.modal textarea.input { height: auto; min-height: 96px; padding: 10px 12px; resize: vertical; line-height: 1.45; }
.modal .actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 16px; }
.modal .counter { display: block; text-align: end; margin-top: 4px; }

/* ---- canned replies (ui/CannedPicker.tsx, ui/RepliesDialog.tsx) ---- */
.composer-box { position: relative; }
.canned {
  position: absolute; inset-inline-start: 0; inset-inline-end: 0; bottom: calc(100% + 6px); z-index: 5; background: var(--surface);
  border: 1px solid var(--border-strong); border-radius: 10px; box-shadow: var(--shadow-lg); overflow: hidden;
}
.canned ul { list-style: none; margin: 0; padding: 4px; max-height: 264px; overflow-y: auto; }
.canned li { display: grid; grid-template-columns: auto auto 1fr; align-items: baseline; gap: 8px; padding: 7px 10px; border-radius: 7px; cursor: pointer; }
.canned li.on { background: var(--accent-soft); }
.canned .sc, .reply-list .sc { font-weight: 700; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; color: var(--text); }
.canned .tx { color: var(--text-2); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-size: 13px; }
.scope { font-size: 11px; font-weight: 700; padding: 0 6px; border-radius: 4px; background: var(--hover); color: var(--text-2); }
.scope.personal { background: var(--green-soft); color: var(--green); }
.canned-empty { margin: 0; padding: 12px 14px; color: var(--text-3); }
.canned-foot { display: flex; justify-content: space-between; gap: 8px; padding: 6px 12px; border-top: 1px solid var(--border); font-size: 12px; color: var(--text-3); background: var(--surface-2); }
.canned-warning { max-width: 860px; margin: 6px auto 0; font-size: 12.5px; color: var(--amber); }
dialog.modal.wide { width: min(720px, calc(100vw - 32px)); max-height: calc(100vh - 48px); }
.modal-body { padding: 20px 22px 18px; }
.modal-body form { padding: 0; }
.modal-head { display: flex; align-items: center; justify-content: space-between; gap: 12px; margin-bottom: 4px; }
.modal .actions.start { justify-content: flex-start; margin: 0 0 14px; }
.reply-form { border: 1px solid var(--border); border-radius: 10px; padding: 14px !important; margin-bottom: 16px; background: var(--surface-2); }
.reply-form .help { font-size: 12px; color: var(--text-3); overflow-wrap: anywhere; }
.prefixed { display: flex; align-items: center; gap: 6px; font-weight: 700; }
.field.scope { border: 0; padding: 0; margin: 0 0 8px; }
.field.scope legend { font-weight: 600; font-size: 13px; margin-bottom: 6px; }
.field.scope label { display: flex; gap: 8px; align-items: center; font-weight: 400; }
.reply-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.reply-list li { border: 1px solid var(--border); border-radius: 10px; padding: 10px 12px; }
.reply-head { display: flex; align-items: center; gap: 8px; }
.reply-head .grow { flex: 1; }
.reply-head .link-btn.danger { color: var(--red); }
.modal p.reply-text { margin: 6px 0 0; color: var(--text-2); white-space: pre-wrap; overflow-wrap: anywhere; }

/* ---- transfer, presence (ui/TransferDialog.tsx, ui/PresenceSwitch.tsx) ---- */
.msg.note.transfer .who { color: var(--text-2); }
.team-pick { border: 0; padding: 0; margin: 0 0 14px; display: grid; gap: 6px; }
.team-pick legend { font-weight: 600; font-size: 13px; margin-bottom: 6px; }
.team-member { display: flex; align-items: center; gap: 10px; padding: 8px 10px; border: 1px solid var(--border); border-radius: 8px; cursor: pointer; }
.team-member:has(input:checked) { border-color: var(--accent); background: var(--accent-soft); }
.team-member .grow { flex: 1; font-weight: 600; }
.team-member .member-skills { font-weight: 400; color: var(--text-3); font-size: 12.5px; }
.team-pick .pick-head { margin: 4px 0 0; font-size: 12px; font-weight: 600; color: var(--text-3); text-transform: uppercase; letter-spacing: .04em; }
.queue-mark { width: 28px; height: 28px; border-radius: 50%; display: inline-grid; place-items: center; background: var(--hover); color: var(--text-2); font-weight: 700; flex: none; }
.presence { display: inline-flex; align-items: center; gap: 5px; font-size: 12px; color: var(--text-3); }
.presence .dot, .presence-switch .dot { width: 8px; height: 8px; border-radius: 50%; background: #1f9d55; }
.presence.away .dot, .presence-switch.away .dot { background: #d98c00; }
.presence-switch { display: inline-flex; align-items: center; gap: 6px; color: var(--top-text); }
.presence-switch select { background: var(--top-2); color: var(--top-text); border: 1px solid #3a4458; border-radius: 6px; padding: 3px 6px; font-size: 13px; }
/* ---- keyboard (ui/Keyboard.tsx) ---- */
dialog.modal.palette { width: min(560px, calc(100vw - 32px)); margin-top: 12vh; padding: 10px; }
.palette .input { height: 44px; font-size: 15px; }
.palette ul { list-style: none; margin: 8px 0 0; padding: 0; max-height: 50vh; overflow-y: auto; }
.palette li { display: flex; align-items: center; gap: 10px; padding: 8px 10px; border-radius: 7px; cursor: pointer; }
.palette li.on { background: var(--accent-soft); }
.palette li.none { color: var(--text-3); cursor: default; }
.palette li .grow { flex: 1; }
kbd { font: 600 11.5px ui-monospace, SFMono-Regular, Menlo, monospace; padding: 1px 6px; border: 1px solid var(--border-strong); border-bottom-width: 2px; border-radius: 5px; background: var(--surface-2); color: var(--text-2); }
.shortcuts { margin: 0; display: grid; gap: 8px; }
.shortcuts div { display: flex; justify-content: space-between; gap: 16px; }
.shortcuts dd { margin: 0; color: var(--text-2); text-align: end; }
/* ---- team admin (ui/TeamDialog.tsx) ---- */
/* "Make a QR label" (ui/LabelDialog.tsx) */
.label-maker { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 20px; align-items: start; }
.modal .label-form { padding: 0; }
.label-pair { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; align-items: end; }
.label-result { margin: 0; display: grid; gap: 8px; justify-items: start; max-width: 260px; }
.label-result img { display: block; border: 1px solid var(--border); border-radius: 8px; background: #fff; }
.label-result figcaption { display: grid; gap: 6px; justify-items: start; }
.label-link-h { font-size: 12px; color: var(--text-3); }
.label-link { word-break: break-all; font-size: 12px; }
.entry-why { margin: 6px 0 0; font-size: 13px; }
@media (max-width: 720px) { .label-maker { grid-template-columns: 1fr; } }
.team-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.team-list li { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; border: 1px solid var(--border); border-radius: 10px; padding: 10px 12px; }
.team-list li.disabled { background: var(--surface-2); color: var(--text-3); }
.team-list .who-col { flex: 1; min-width: 180px; display: grid; }
.team-list .who-col .em { font-size: 12.5px; color: var(--text-3); overflow-wrap: anywhere; }
.team-list select { height: 32px; border-radius: 6px; border: 1px solid var(--border-strong); padding: 0 6px; background: var(--surface); }
.team-list .pw { display: flex; gap: 6px; width: 100%; }
.team-list .routing { display: flex; align-items: center; gap: 6px 8px; width: 100%; flex-wrap: wrap; font-size: 12.5px; color: var(--text-2); }
.team-list .routing .input { height: 32px; flex: 1; min-width: 140px; }
.team-list .routing .input.cap { flex: 0 0 84px; min-width: 0; }
.team-list .pw .input { height: 34px; }
.team-form { display: grid; grid-template-columns: 1fr 1fr; gap: 0 12px; border: 1px solid var(--border); border-radius: 10px; padding: 14px !important; margin-bottom: 16px; background: var(--surface-2); }
.team-form .actions { grid-column: 1 / -1; margin-top: 0 !important; }
.team-form select.input { padding: 0 8px; }
/* ---- photos (ui/Photos.tsx) ---- */
.bubble.photo { padding: 4px; background: var(--surface); }
.msg.agent .bubble.photo { background: var(--surface); border-color: var(--border); }
.photo-thumb { display: block; padding: 0; border: 0; border-radius: 10px; overflow: hidden; background: var(--hover); cursor: zoom-in; }
.photo-thumb img { display: block; width: 240px; max-width: 100%; height: auto; object-fit: cover; }
.photo-thumb + .photo-thumb { margin-top: 4px; }
dialog.lightbox { max-width: calc(100vw - 48px); max-height: calc(100vh - 48px); padding: 0; border: 0; border-radius: 12px; background: #111; color: #fff; }
dialog.lightbox::backdrop { background: rgba(0, 0, 0, .8); }
.lightbox img { display: block; max-width: calc(100vw - 48px); max-height: calc(100vh - 112px); margin: auto; object-fit: contain; }
.lightbox-bar { display: flex; align-items: center; gap: 8px; padding: 10px 12px; }
.lightbox-bar span { flex: 1; color: #d1d5db; font-size: 13px; }
.lightbox-bar .btn { color: var(--text); }
.uploads { list-style: none; margin: 0 0 8px; padding: 0; display: grid; gap: 4px; font-size: 13px; }
.uploads li { display: flex; align-items: center; gap: 10px; }
.uploads progress { width: 120px; height: 6px; }

/* ---- the phone's More (ui/MoreMenu.tsx): status, replies, team, sign out; hidden above 720 px ---- */
.more { display: none; }
.more-list { position: absolute; inset-inline-end: 0; top: calc(100% + 8px); z-index: 30; min-width: 220px; display: grid; gap: 2px; padding: 6px; background: var(--surface); color: var(--text); border: 1px solid var(--border); border-radius: 10px; box-shadow: 0 8px 24px rgba(0, 0, 0, 0.18); }
.more-presence { display: grid; grid-template-columns: 1fr 1fr; gap: 4px; padding-bottom: 6px; margin-bottom: 4px; border-bottom: 1px solid var(--border); }
.more-item { display: flex; align-items: center; gap: 10px; min-height: 44px; padding: 0 12px; border: 0; border-radius: 8px; background: none; color: inherit; font: inherit; font-size: 15px; text-align: start; cursor: pointer; }
.more-item:hover, .more-item:focus-visible { background: var(--surface-2); }
.more-item[aria-pressed=true] { background: #e8f3ec; font-weight: 600; }
.more-item .dot { width: 8px; height: 8px; border-radius: 50%; background: #1f9d55; }
.more-item.away .dot { background: #d98c00; }

/* ---- the console on a phone (ui/PaneBar.tsx, PHONE_MAX_PX): one column at a time, with Back ---- */
.pane-bar { display: none; }
@media (max-width: 720px) {
  .ws { min-width: 0; }
  .topbar { gap: 6px; padding: 0 10px; }
  .topbar .brand small, .top-stat, .me-name { display: none; }
  /* The connection's dot only (its word stays readable by screen readers, and returns as a banner when down). */
  .conn { font-size: 0; gap: 0; }
  /* Icons only (the label stays the button's accessible name), 30 px wide: Reports, Insights, alerts, sound and More (status, replies, team, sign-out: ui/MoreMenu.tsx) fit 390 px. */
  .top-btn { font-size: 0; gap: 0; padding: 0 6px; }
  .reports { padding: 16px 12px 32px; }
  .reports .seg { flex-wrap: wrap; }
  .me { padding-inline-start: 8px; }
  /* The desk's extras stay on wider screens (on a phone: Ctrl-K's commands, the composer's "Manage replies"). */
  .presence-switch, .top-btn.desk-extra, .lang-select.desk-extra { display: none; }
  .more { display: inline-flex; position: relative; }
  .pane-bar { display: flex; align-items: center; gap: 8px; padding: 6px 10px; background: var(--surface); border-bottom: 1px solid var(--border); }
  .pane-bar .btn { min-height: 44px; }
  .pane-bar .grow { flex: 1; }
  .cols, .cols[data-pane] { grid-template-columns: minmax(0, 1fr); }
  /* The visitor's name keeps its row; Transfer and Close go below it. */
  .thread-head { flex-wrap: wrap; row-gap: 8px; }
  .thread-id { flex-basis: 100%; }
  .cols[data-pane=list] > :not(.side), .cols[data-pane=thread] > :not(.thread), .cols[data-pane=context] > :not(.ctx) { display: none; }
  .side, .ctx { border: 0; }
  /* The call's status takes its own row, its buttons the next (four of them with the camera's). */
  .call-bar { flex-wrap: wrap; row-gap: 6px; }
  .call-bar .grow { flex-basis: 100%; }
}
/* ---- the console's language (ui/LanguageSelect.tsx, issue 18); right to left: [dir=rtl] on <html> ---- */
.lang-select select {
  height: 32px; max-width: 130px; padding: 0 6px; border-radius: 8px; border: 1px solid #2c3447;
  background: var(--top-2); color: var(--top-text); font: inherit; font-size: 13px;
}
.lang-failed { display: block; font-size: 12px; color: var(--red); }
.more-lang select, .login-lang select { width: 100%; max-width: none; height: 44px; background: var(--surface); color: var(--text); border-color: var(--border); font-size: 15px; }
.login-lang { margin: 12px 0 0; }
[dir=rtl] .icon.flip { transform: scaleX(-1); }
/* Words longer than English's (ui/useTopBarFit.ts): the top bar's buttons show their icon, named by their title. */
/* min-width 0: the grid's column stays the window's width, so a bar too long overflows inside itself, where it is measured. */
.topbar { min-width: 0; }
.topbar[data-compact] { gap: 8px; }
.topbar[data-compact] .top-btn { font-size: 0; gap: 0; padding: 0 8px; }
.topbar[data-compact] .me-name, .topbar[data-compact] .brand small { display: none; }
.topbar[data-compact] .lang-select select { max-width: 96px; }
/* Written by visitors and agents in any script (issue 18): each message, name, page title and
   context value takes its own direction from its text and is isolated from the UI's, so a Hebrew
   name reads right in an English console and an English URL in an Arabic page title. */
.bubble, .who, .qname, .qlast, .qpage, .ss-title, .tl-title, dd, .v, .mono, .ref { unicode-bidi: plaintext; }
`;

export function adoptStyles(doc: Document = document): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS + PEOPLE_CSS);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
