import { scheduleActions, type AlertForActions } from './action_scheduler';
import type { RawRuleAction } from './rule_saved_object';

const now = Date.parse('2026-12-01T10:00:00Z');
const action = (
  uuid: string,
  group: string,
  frequency?: RawRuleAction['frequency']
): RawRuleAction => ({
  uuid,
  group,
  id: 'c',
  actionTypeId: '.webhook',
  params: {},
  ...(frequency === undefined ? {} : { frequency }),
});
const alert = (
  status: AlertForActions['status'],
  last?: { group: string; at: number; uuid: string }
): AlertForActions => ({
  id: 'orders,orders-1',
  uuid: 'u',
  actionGroup: status === 'recovered' ? 'recovered' : 'threshold_met',
  actionGroupName: 'Threshold met',
  status,
  context: {},
  state: {},
  consecutiveMatches: 1,
  document: {},
  ...(last === undefined
    ? {}
    : {
        previous: {
          uuid: 'u',
          start: '',
          actionGroup: last.group,
          state: {},
          activeCount: 1,
          lastScheduledActions: {
            group: last.group,
            date: new Date(last.at).toISOString(),
            actions: { [last.uuid]: { date: new Date(last.at).toISOString() } },
          },
        },
      }),
});
const rule = (actions: RawRuleAction[]) => ({
  actions,
  notifyWhen: null,
  throttle: null,
  muteAll: false,
  mutedInstanceIds: [],
});
const run = (
  actions: RawRuleAction[],
  alerts: AlertForActions[],
  lastSummaries: Record<string, string> = {}
) =>
  scheduleActions({
    rule: rule(actions),
    recoveryGroup: 'recovered',
    alerts,
    nowMs: now,
    lastSummaries,
  }).map((s) => s.action.uuid);

describe('scheduleActions', () => {
  it('onActionGroupChange: on a new alert, not while it stays in its group', () => {
    const a = action('a', 'threshold_met', {
      summary: false,
      notifyWhen: 'onActionGroupChange',
      throttle: null,
    });
    expect(run([a], [alert('new')])).toEqual(['a']);
    expect(
      run([a], [alert('ongoing', { group: 'threshold_met', at: now - 60_000, uuid: 'a' })])
    ).toEqual([]);
  });
  it('onActiveAlert: every run', () => {
    const a = action('a', 'threshold_met', {
      summary: false,
      notifyWhen: 'onActiveAlert',
      throttle: null,
    });
    expect(
      run([a], [alert('ongoing', { group: 'threshold_met', at: now - 1_000, uuid: 'a' })])
    ).toEqual(['a']);
  });
  it('onThrottleInterval: at most once per throttle', () => {
    const a = action('a', 'threshold_met', {
      summary: false,
      notifyWhen: 'onThrottleInterval',
      throttle: '5m',
    });
    expect(
      run([a], [alert('ongoing', { group: 'threshold_met', at: now - 60_000, uuid: 'a' })])
    ).toEqual([]);
    expect(
      run([a], [alert('ongoing', { group: 'threshold_met', at: now - 301_000, uuid: 'a' })])
    ).toEqual(['a']);
  });
  it('recovery actions run when the alert recovers, only then', () => {
    const r = action('r', 'recovered', {
      summary: false,
      notifyWhen: 'onActionGroupChange',
      throttle: null,
    });
    expect(run([r], [alert('recovered')])).toEqual(['r']);
    expect(run([r], [alert('new')])).toEqual([]);
  });
  it('summary actions: once per run with alerts, throttled when asked', () => {
    const s = action('s', 'threshold_met', {
      summary: true,
      notifyWhen: 'onThrottleInterval',
      throttle: '1h',
    });
    expect(run([s], [alert('new'), alert('recovered')])).toEqual(['s']);
    expect(run([s], [alert('new')], { s: new Date(now - 60_000).toISOString() })).toEqual([]);
    expect(run([s], [])).toEqual([]);
  });
});
