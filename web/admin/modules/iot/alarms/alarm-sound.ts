import { ref } from 'vue';
import { alarmTone } from './alarm-tone';

/**
 * The operator's choice about the alarm tone, remembered per browser: `on` (开启声音), `muted`
 * (静音), or not yet made — then the popup asks, since a browser plays nothing before a gesture
 * and a control room must not believe it hears alarms it does not.
 */
export type SoundChoice = 'on' | 'muted' | null;
const KEY = 'civicgrid.alarmSound';

function remembered(): SoundChoice {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'on' || value === 'muted' ? value : null;
  } catch {
    return null;
  }
}

export const soundChoice = ref<SoundChoice>(remembered());
export const tone = alarmTone();

export function chooseSound(choice: 'on' | 'muted') {
  soundChoice.value = choice;
  if (choice === 'on') tone.unlock(); // called from the click: the gesture the browser waits for
  try {
    localStorage.setItem(KEY, choice);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

// A choice of `on` remembered from before still needs a gesture on this page: the first one unlocks.
if (typeof document !== 'undefined')
  for (const type of ['pointerdown', 'keydown'] as const)
    document.addEventListener(type, () => soundChoice.value === 'on' && tone.unlock(), { capture: true });
