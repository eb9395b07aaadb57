/**
 * Kibana's flapping detection with its default rules settings (Stack Management → Rules →
 * Settings; x-pack/platform/plugins/shared/alerting/common/rules_settings.ts and
 * server/lib/flapping/): each run appends to an alert's history whether its status changed
 * (new or recovered: true; still active or still recovered: false), keeping the last
 * `lookBackWindow` runs. An alert starts flapping at `statusChangeThreshold` changes in that
 * window, and stops only when a full window passes without a change.
 */
export interface FlappingSettings {
  readonly enabled: boolean;
  readonly lookBackWindow: number;
  readonly statusChangeThreshold: number;
}

export const DEFAULT_FLAPPING_SETTINGS: FlappingSettings = {
  enabled: true,
  lookBackWindow: 20,
  statusChangeThreshold: 4,
};

export function updateFlappingHistory(
  settings: FlappingSettings,
  history: readonly boolean[],
  changed: boolean
): boolean[] {
  if (!settings.enabled) return [...history];
  return [...history, changed].slice(-settings.lookBackWindow);
}

export function isFlapping(
  settings: FlappingSettings,
  history: readonly boolean[],
  wasFlapping: boolean
): boolean {
  if (!settings.enabled) return false;
  const changes = history.filter(Boolean).length;
  if (wasFlapping) return !(history.length >= settings.lookBackWindow && changes === 0);
  return changes >= settings.statusChangeThreshold;
}
