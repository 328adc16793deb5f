/**
 * The alarm tone, made with WebAudio (no sound file to ship or fetch): two falling notes, like a
 * fire panel's buzzer. Browsers keep audio suspended until the user does something on the page,
 * so `unlock()` is called from a click (开启声音, or any click once the choice is remembered);
 * until then `ring()` stays silent.
 */
export interface AlarmTone {
  unlock(): void;
  /** Plays the tone once, if the browser allows sound by now. */
  ring(): void;
}

export function alarmTone(): AlarmTone {
  let context: AudioContext | null = null;
  const note = (c: AudioContext, frequency: number, start: number, length: number) => {
    const oscillator = c.createOscillator();
    const gain = c.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = frequency;
    // A short fade in and out: a bare square wave clicks at its edges.
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(0.18, start + 0.02);
    gain.gain.setValueAtTime(0.18, start + length - 0.04);
    gain.gain.linearRampToValueAtTime(0, start + length);
    oscillator.connect(gain).connect(c.destination);
    oscillator.start(start);
    oscillator.stop(start + length);
  };
  return {
    unlock() {
      context ??= new AudioContext();
      if (context.state === 'suspended') void context.resume();
    },
    ring() {
      if (!context || context.state !== 'running') return;
      const t = context.currentTime;
      note(context, 988, t, 0.3);
      note(context, 740, t + 0.35, 0.3);
    },
  };
}
