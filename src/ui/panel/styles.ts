/**
 * The panel's stylesheet (lazy chunk). The frame, header, close button and .btn come from the
 * launcher's sheet (../launcher.ts), which is already in the same shadow root.
 */
/** Text on the brand colour: white, or black on a light brand colour (as in the launcher's sheet). */
const ON_BRAND = 'color:#fff;color:oklch(from var(--b) clamp(0,(.6 - l)*999,1) 0 0)';

// Panel styles; the frame, header, close button and .btn come from the launcher's sheet.
// Colours on white: #1a1a1a 17:1, #4a4a4a 8.9:1, #5c5c5c 6.7:1, #b3261e 6.5:1, badges >= 5.8:1,
// borders of controls #767676 4.5:1; agent bubbles #eef0f3 under #1a1a1a 15:1.
export const PANEL_CSS = `.dlg{display:flex;flex-direction:column;height:100%;min-height:0}\
.ti{flex:1;min-width:0}\
.x+.x{margin-inline-start:0}\
[dir=rtl] .flip{transform:scaleX(-1)}\
h2{margin:0;font-size:17px;line-height:1.3;font-weight:600;overflow-wrap:anywhere;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}\
.bkx{flex:none;width:44px;height:44px;margin-inline-start:-12px;padding:0;border:0;border-radius:50%;background:none;color:inherit;cursor:pointer;display:grid;place-items:center}\
.bkx:hover{background:#80808040}\
.h .av{width:36px;height:36px;font-size:14px}\
.hm{display:block;position:relative;padding:18px 60px 16px 20px}\
.hm .x{position:absolute;top:10px;inset-inline-end:10px}\
.hm h2{font-size:26px;line-height:1.25;font-weight:700;display:block}\
.hero2{margin:2px 0 0;font-size:21px;font-weight:600;line-height:1.3}\
.team{display:flex;margin:0 0 14px}\
.team .av{margin-inline-end:-8px;box-shadow:0 0 0 2px var(--b)}\
.h .rt2{color:inherit}\
.rt2{font-size:13px;color:#4a4a4a}\
.rt2.on:before{content:'';display:inline-block;width:8px;height:8px;margin-inline-end:6px;border-radius:50%;background:#1e8e3e;box-shadow:0 0 0 2px #fff}\
.bh{padding-top:0;background:linear-gradient(var(--b) 36px,#f3f4f6 36px) local}\
.cards{display:flex;flex-direction:column;gap:12px;padding-top:4px}\
.cards .card{margin:0;padding:14px 16px;border:0;border-radius:12px;background:#fff;box-shadow:0 1px 3px #00000024,0 4px 14px #00000010}\
button.card{display:flex;align-items:center;gap:12px;width:100%;text-align:start;font:inherit;color:#1a1a1a;cursor:pointer}\
button.card:hover{box-shadow:0 1px 3px #00000038,0 6px 18px #0000001c}\
.gol{display:flex;flex-direction:column;flex:1;min-width:0;gap:2px}\
.go svg{fill:var(--b)}\
.cc{flex-direction:column;align-items:stretch}\
.cch{font-size:13px;font-weight:600;color:#4a4a4a}\
.ccb{display:flex;align-items:center;gap:10px}\
.ccb .av{width:32px;height:32px;font-size:12px;box-shadow:none}\
.ccm{flex:1;min-width:0}\
.ccl{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden;overflow-wrap:anywhere}\
.un{background:#b3261e;color:#fff}\
.sb{display:flex;align-items:center;justify-content:space-between;width:100%;min-height:44px;padding:8px 14px;border:1px solid #767676;border-radius:10px;background:#f7f8fa;color:#4a4a4a;font:inherit;cursor:pointer}\
.hc .arts{margin-top:6px}\
.hc .arts li:last-child{border-bottom:0}\
.hc .al{flex-direction:row;align-items:center;justify-content:space-between;padding:10px 2px}\
.cards .ways{padding:4px 0}\
.way{display:flex;align-items:center;gap:12px;width:100%;min-height:56px;padding:10px 16px;border:0;background:none;text-align:start;font:inherit;color:#1a1a1a;cursor:pointer}\
.way+.way{border-top:1px solid #ececec}\
.way:hover{background:#f3f4f6}\
.way .note,.go .note{font-size:13px}\
.lu{align-self:flex-start;padding:1px 8px;border-radius:9px;background:#eef4ff;color:#1a4fc4;font-size:12px;font-weight:600}\
.nav{flex:none;display:flex;border-top:1px solid #e3e3e3;background:#fff}\
.nb{position:relative;flex:1;display:flex;flex-direction:column;align-items:center;gap:2px;min-height:56px;padding:6px 0;border:0;background:none;color:#4a4a4a;font-size:12.5px;font-weight:600;line-height:1.3;cursor:pointer}\
@media (hover:hover){.nb:hover{background:#f3f4f6}}\
.nb[aria-current=page]{color:#1a1a1a}\
.nb[aria-current=page]:before{content:'';position:absolute;top:0;inset-inline:30%;height:3px;border-radius:0 0 3px 3px;background:var(--b)}\
.nbg{position:absolute;top:4px;inset-inline-start:calc(50% + 6px);min-width:18px;height:18px;padding:0 5px;border-radius:9px;background:#b3261e;color:#fff;font-size:11px;line-height:18px}\
[tabindex="-1"]:focus{outline:0}\
.s{margin:2px 0 0;font-size:13px}\
.av{flex:none;display:grid;place-items:center;width:40px;height:40px;border-radius:50%;background:#fff;color:#1a1a1a;font-weight:700;font-size:15px;box-shadow:0 0 0 2px #ffffffb3}\
.bd{flex:1;min-height:0;overflow:auto;overscroll-behavior:contain;padding:20px}\
.bd p{margin:0 0 12px}\
.w{font-size:17px;font-weight:600}\
h3{margin:0 0 6px;font-size:17px;line-height:1.3}\
h4{margin:22px 0 6px;font-size:13px;font-weight:600;letter-spacing:.03em;text-transform:uppercase;color:#4a4a4a}\
.card{margin:16px 0;padding:16px;border:1px solid #d6d6d6;border-radius:12px;background:#f7f8fa}\
.bd .card p:last-child{margin:0}\
.row{display:flex;flex-wrap:wrap;gap:8px}\
.btn:hover,.snd:hover{box-shadow:inset 0 0 0 99px #00000024}\
.btn2,.bk{min-height:44px;border-radius:10px;font-weight:600;cursor:pointer;color:#1a1a1a}\
.btn2{padding:10px 16px;border:1px solid #767676;background:#fff;text-align:start}\
.btn2:hover,.bk:hover{background:#eef0f3}\
.btn2[aria-disabled=true]{cursor:progress;color:#4a4a4a}\
.wide{display:flex;width:100%;align-items:center;justify-content:space-between;gap:8px;margin:12px 0 0}\
.bk{display:inline-flex;align-items:center;gap:2px;margin:-10px 0 6px -10px;padding:0 12px 0 4px;border:0;background:none}\
.bd .st{margin:8px 0 0;font-size:14px}\
.bd .st:empty{margin:0}\
dl,ol,ul{margin:0;padding:0;list-style:none}\
.kv{display:flex;gap:12px;padding:7px 0;border-bottom:1px solid #ececec}\
dt{flex:0 0 34%;color:#4a4a4a}\
dd{flex:1;min-width:0;margin:0;overflow-wrap:anywhere}\
dd .url{overflow-wrap:break-word}\
.bg{display:inline-block;margin-inline-start:4px;padding:0 6px;border-radius:4px;font-size:12px;font-weight:600;line-height:20px}\
.bg.uv{background:#fff4e5;color:#8a4b00}\
.ok{background:#e6f4ea;color:#1e6b34}\
li{display:grid;grid-template-columns:1fr auto;gap:0 12px;padding:8px 0;border-bottom:1px solid #ececec}\
.t{font-weight:600;overflow-wrap:anywhere}\
.pa{grid-column:1;color:#4a4a4a;font-size:13px;overflow-wrap:anywhere}\
.du{grid-column:2;grid-row:1;color:#4a4a4a;font-size:13px;white-space:nowrap}\
.note{color:#4a4a4a;font-size:13px}\
.bd .act{margin:10px 0 0}\
.tel{display:inline-block;margin:0 0 12px;font-size:22px;font-weight:700;color:#1a1a1a}\
.bd .code{margin:0 0 4px;font:700 32px/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.08em}\
.pc{margin-top:4px}\
.menu .row{margin-top:8px}\
.menu strong{font-weight:600}\
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}\
.msgs{display:flex;flex-direction:column;margin:4px 0 0}\
.msgs li{display:flex;flex-direction:column;padding:0;border:0}\
.msg{max-width:85%;margin-top:10px}\
.me{align-self:flex-end;align-items:flex-end}\
.ag{align-self:flex-start;align-items:flex-start}\
.bub{padding:9px 14px;border-radius:18px;white-space:pre-wrap;overflow-wrap:anywhere}\
.tx{display:block}\
.me .bub{background:var(--b);${ON_BRAND};border-end-end-radius:6px}\
.ag .bub{background:#eef0f3;color:#1a1a1a;border-end-start-radius:6px}\
.bot .bub{background:#fff;border:1px solid #d5d9e0}\
.who .bg{background:#eef0f3;color:#4a4a4a;line-height:18px;font-size:11px}\
.hov{display:block;margin:0 0 8px auto;padding:6px 14px;border:1px solid var(--b);border-radius:16px;background:#fff;color:#1a1a1a;font:inherit;font-size:14px;font-weight:600;cursor:pointer}\
.hov[aria-disabled]{opacity:.7;cursor:default}\
.bub a{color:inherit;text-decoration:underline;text-underline-offset:2px}\
.bub a:focus-visible{outline-color:currentColor}\
.who{margin:0 0 3px 6px;font-size:13px;font-weight:600;color:#4a4a4a}\
.who .av{display:inline-grid;vertical-align:middle;width:22px;height:22px;margin-inline-end:6px;font-size:10px;box-shadow:none}\
.meta{display:flex;align-items:center;margin:3px 6px 0;font-size:12px;color:#5c5c5c;white-space:pre}\
.fl{color:#b3261e;font-weight:600}\
.rt{min-height:28px;padding:0 10px;border:1px solid #b3261e;border-radius:14px;background:#fff;color:#b3261e;font-size:12px;font-weight:600;cursor:pointer}\
.rt:hover{background:#fdecea}\
.msgs .sys{align-self:center;margin:14px 0 2px;text-align:center;font-size:13px;color:#4a4a4a}\
.bd .ty{display:flex;align-items:center;gap:8px;margin:12px 0 0;font-size:13px;color:#4a4a4a}\
.dots{display:inline-flex;gap:3px;padding:9px 11px;border-radius:14px;background:#eef0f3}\
.dots i{width:6px;height:6px;border-radius:50%;background:#5c5c5c;animation:bdot 1.2s infinite ease-in-out}\
.dots i:nth-child(2){animation-delay:.2s}\
.dots i:nth-child(3){animation-delay:.4s}\
@keyframes bdot{0%,60%,100%{opacity:.35;transform:none}30%{opacity:1;transform:translateY(-3px)}}\
@media (prefers-reduced-motion:reduce){.dots i{animation:none}}\
.bd .cst{margin:16px 0 0;text-align:center;font-size:14px;color:#4a4a4a}\
.ask{white-space:normal;width:100%}\
.msg.wide{width:85%}\
.ask .row2 input{flex:1 1 160px}\
.ask p{margin:0 0 8px}\
.ask .row2{align-items:stretch;flex-wrap:wrap}\
.ask input{flex:1 1 10em;padding:8px 12px;min-width:0}\
.ask .btn2{flex:none;padding:8px 12px;text-align:center}\
.ask .note{margin:4px 0 0;font-size:12.5px}\
.ask .note:empty{display:none}\
.csat{margin:0;padding:0;border:0}\
.csat legend{padding:0;margin:0 0 8px;font-weight:600}\
.sc{display:flex;gap:6px}\
.sc label{flex:1;position:relative}\
.sc input{position:absolute;inset:0;opacity:0;margin:0;cursor:pointer}\
.sc span[aria-hidden]{display:flex;align-items:center;justify-content:center;min-height:40px;border:1px solid #767676;border-radius:10px;background:#fff;font-weight:600}\
.sc input:checked+span{background:var(--b);${ON_BRAND};border-color:var(--b)}\
.sc input:focus-visible+span{outline:2px solid var(--b);outline-offset:2px}\
.ends{display:flex;justify-content:space-between;margin:4px 0 10px;font-size:12px;color:#4a4a4a}\
.ask label[for]{display:block;margin:0 0 4px;font-size:13px}\
.ask textarea{min-height:44px;margin-bottom:8px}\
.ask .btn2{display:block}\
.ft{flex:none;margin:0;padding:10px 12px 12px;border-top:1px solid #e3e3e3;background:#fff}\
.fx{display:flex;align-items:center;justify-content:space-between;gap:12px}\
.ft .note{margin:6px 6px 0;font-size:12.5px}\
.ft .note:not(:has(:not(:empty))){display:none}\
.fx .note{margin:0}\
.note.bad,.bad{color:#b3261e}\
.cnt:not(:empty){margin-inline-start:8px;white-space:nowrap}\
.row2{display:flex;align-items:flex-end;gap:8px}\
textarea,input{width:100%;margin:0;padding:10px 12px;border:1px solid #767676;border-radius:12px;background:#fff;color:#1a1a1a;font:inherit;font-size:16px;line-height:1.4}\
::placeholder{color:#6b6b6b;opacity:1}\
[aria-invalid=true]{border-color:#b3261e;box-shadow:0 0 0 1px #b3261e}\
#baton-input{flex:1;min-height:44px;max-height:140px;resize:none;border-radius:22px;padding:10px 16px;field-sizing:content}\
.snd{flex:none;width:44px;height:44px;padding:0;border:0;border-radius:50%;background:var(--b);${ON_BRAND};display:grid;place-items:center;cursor:pointer}\
.snd[aria-disabled=true]{background:#d6d6d6;color:#4a4a4a;cursor:default;box-shadow:none}\
.wide2{width:100%}\
.leave{margin-top:20px}\
.leave label{display:block;margin:14px 0 4px;font-weight:600}\
.bd .leave .note{margin:6px 0 0;font-size:13px}\
.bd .leave .bad:empty{margin:0}\
.leave textarea{min-height:104px;resize:vertical}\
.leave .btn{width:100%;margin-top:14px}`;
