import { ElMessageBox } from 'element-plus';
import { t } from '@lib/i18n';

/**
 * Asks before a step that cannot be taken back (删除, 停用): true when confirmed, false when the
 * box was cancelled or closed (Element rejects then, which is an answer, not an error).
 */
export async function confirmed(message: string, title: string, confirmLabel: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { confirmButtonText: confirmLabel, cancelButtonText: t('common.cancel'), type: 'warning' });
    return true;
  } catch {
    return false;
  }
}
