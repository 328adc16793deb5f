import type { AlarmSeverity } from '@common/iot/rules';

/**
 * One colour per severity, everywhere an alarm is drawn (list tags, map markers, the popup, the
 * big screen), so 紧急 is the same red on every screen. `ink` is for text and markers on white
 * (4.5:1 contrast at least); `glow` is for the big screen's dark ground.
 */
export const SEVERITY_COLOURS: Record<AlarmSeverity, { ink: string; tint: string; glow: string }> = {
  critical: { ink: '#b71c1c', tint: '#fdecea', glow: '#ff5a4f' },
  major: { ink: '#a84300', tint: '#fff1e6', glow: '#ff9c3d' },
  minor: { ink: '#7a5d00', tint: '#fff8db', glow: '#ffd43b' },
  warning: { ink: '#1456b8', tint: '#e8f1fd', glow: '#5fa8ff' },
};
