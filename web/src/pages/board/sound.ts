/**
 * The board's chime (Web Audio) and spoken call (speechSynthesis, id-ID). Browsers block audio
 * until someone interacts with the page, unless the board's browser is set to allow it: the
 * board asks `navigator.getAutoplayPolicy` where it exists, and otherwise shows a one-time
 * "enable sound" button. Nothing here throws or logs an error when sound is unavailable.
 */
export type SoundState = 'off' | 'on';

let ctx: AudioContext | undefined;
let voice: SpeechSynthesisVoice | undefined;

interface AutoplayNavigator {
  getAutoplayPolicy?: (type: 'audiocontext' | 'mediaelement') => 'allowed' | 'allowed-muted' | 'disallowed';
}

/** True when the browser lets the page play audio without a click (a kiosk-mode board browser). */
export function autoplayAllowed(): boolean {
  try {
    return (navigator as Navigator & AutoplayNavigator).getAutoplayPolicy?.('audiocontext') === 'allowed';
  } catch {
    return false;
  }
}

function findVoice(): SpeechSynthesisVoice | undefined {
  if (!('speechSynthesis' in globalThis)) return undefined;
  const voices = speechSynthesis.getVoices();
  return voices.find((v) => v.lang === 'id-ID') ?? voices.find((v) => v.lang.toLowerCase().startsWith('id'));
}

/** Whether an Indonesian voice exists (voices load late in some browsers: listen for them). */
export function watchVoice(onChange: (hasVoice: boolean) => void): () => void {
  if (!('speechSynthesis' in globalThis)) {
    onChange(false);
    return () => undefined;
  }
  const check = () => {
    voice = findVoice();
    onChange(voice !== undefined);
  };
  check();
  speechSynthesis.addEventListener('voiceschanged', check);
  return () => speechSynthesis.removeEventListener('voiceschanged', check);
}

/** Starts audio; call from a click (or when autoplay is allowed). Resolves whether it runs. */
export async function enableSound(): Promise<boolean> {
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') await ctx.resume();
    return ctx.state === 'running';
  } catch {
    return false;
  }
}

/** Stops what is being said (the board page is leaving). */
export function hush(): void {
  if ('speechSynthesis' in globalThis) speechSynthesis.cancel();
}

/** A two-tone chime (ding-dong), about a second. */
export function chime(): void {
  if (!ctx || ctx.state !== 'running') return;
  const now = ctx.currentTime;
  for (const [i, freq] of [880, 660].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const start = now + i * 0.45;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.4, start + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.6);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 0.65);
  }
}

/** Says `text` in Bahasa Indonesia when a voice exists; silently nothing otherwise. */
export function speak(text: string): void {
  // Only once sound is on: speaking before a click is blocked (and logged) by the browser.
  if (!voice || !('speechSynthesis' in globalThis) || ctx?.state !== 'running') return;
  const u = new SpeechSynthesisUtterance(text);
  u.voice = voice;
  u.lang = voice.lang;
  u.rate = 0.9;
  speechSynthesis.speak(u);
}
