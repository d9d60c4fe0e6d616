/**
 * Attention, for when the agent looks elsewhere: a short WebAudio chime (no audio file) and an
 * optional desktop notification (only once permission is granted, and only while the tab is hidden).
 */
const SOUND_KEY = 'baton.console.sound';

type AudioCtor = typeof AudioContext;

export type NotifyPermission = NotificationPermission | 'unsupported';

export class Notifier {
  private ctx: AudioContext | null = null;
  private lastChime = 0;
  soundOn: boolean;

  constructor() {
    let saved: string | null = null;
    try {
      saved = localStorage.getItem(SOUND_KEY);
    } catch {
      /* storage blocked: default on */
    }
    this.soundOn = saved !== 'off';
  }

  setSound(on: boolean): void {
    this.soundOn = on;
    try {
      localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
    } catch {
      /* not remembered */
    }
    if (on) this.unlock();
  }

  /**
   * Browsers only let audio start after a user gesture: call this from one (sign-in, a click) so the
   * context exists and runs by the time a conversation arrives.
   */
  unlock(): void {
    const Ctor = (globalThis as { AudioContext?: AudioCtor; webkitAudioContext?: AudioCtor }).AudioContext
      ?? (globalThis as { webkitAudioContext?: AudioCtor }).webkitAudioContext;
    if (!Ctor) return;
    try {
      this.ctx ??= new Ctor();
      if (this.ctx.state === 'suspended') void this.ctx.resume().catch(() => undefined);
    } catch {
      this.ctx = null;
    }
  }

  /** Two short notes for a new conversation, one soft note for a message. At most one chime per second. */
  chime(kind: 'conversation' | 'message' | 'call'): void {
    if (!this.soundOn) return;
    const nowMs = Date.now();
    if (nowMs - this.lastChime < 1000) return;
    this.lastChime = nowMs;
    this.unlock();
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') return;
    // A call rings like a phone: four quick alternating notes.
    const notes = kind === 'call' ? [659.25, 523.25, 659.25, 523.25] : kind === 'conversation' ? [880, 1318.5] : [660];
    const t0 = ctx.currentTime + 0.01;
    notes.forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      const start = t0 + i * 0.14;
      osc.type = 'sine';
      osc.frequency.setValueAtTime(freq, start);
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(kind === 'message' ? 0.1 : 0.18, start + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.28);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.3);
    });
  }

  get permission(): NotifyPermission {
    return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
  }

  async requestPermission(): Promise<NotifyPermission> {
    if (typeof Notification === 'undefined') return 'unsupported';
    try {
      return await Notification.requestPermission();
    } catch {
      return Notification.permission;
    }
  }

  /** A desktop notification when allowed and the console is not on screen. */
  desktop(title: string, body: string, tag: string, onClick: () => void): void {
    if (this.permission !== 'granted' || !document.hidden) return;
    try {
      const n = new Notification(title, { body, tag });
      n.onclick = () => {
        window.focus();
        onClick();
        n.close();
      };
    } catch {
      /* some browsers only allow notifications from a service worker */
    }
  }
}
