/**
 * Puts a short text (a case number) on the clipboard. The Clipboard API needs a secure
 * context, which a county intranet served over plain http is not; there the old way (select a
 * hidden textarea and execCommand('copy')) still works in the phones' browsers. Resolves to
 * whether it was copied, so the page can say so, or ask the person to copy it by hand.
 */
export interface CopyDeps {
  clipboard?: { writeText(text: string): Promise<void> } | undefined;
  fallback: (text: string) => boolean;
}

export async function copyText(text: string, deps: CopyDeps = browserDeps()): Promise<boolean> {
  if (deps.clipboard) {
    try {
      await deps.clipboard.writeText(text);
      return true;
    } catch {
      /* refused (not a secure context, or no permission): try the old way */
    }
  }
  try {
    return deps.fallback(text);
  } catch {
    return false;
  }
}

function browserDeps(): CopyDeps {
  return {
    clipboard: typeof navigator !== 'undefined' && window.isSecureContext ? navigator.clipboard : undefined,
    fallback: (text) => {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.setAttribute('aria-hidden', 'true');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      const focused = document.activeElement as HTMLElement | null;
      document.body.append(area);
      area.select();
      try {
        return document.execCommand('copy');
      } finally {
        area.remove();
        focused?.focus();
      }
    },
  };
}
