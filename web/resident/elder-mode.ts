import { ref, watch } from 'vue';

/**
 * 大字模式 (适老化): larger type, larger touch targets, higher contrast. The choice is kept in
 * localStorage and applied as a class on <html> as the app starts.
 */
const KEY = 'civicgrid.elderMode';

function stored(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export const elderMode = ref(stored());

watch(
  elderMode,
  (on) => {
    document.documentElement.classList.toggle('elder', on);
    try {
      localStorage.setItem(KEY, on ? '1' : '0');
    } catch {
      /* private browsing: the mode lasts for this visit */
    }
  },
  { immediate: true },
);

export function toggleElderMode(): void {
  elderMode.value = !elderMode.value;
}
