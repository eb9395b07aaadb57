import type { TrackedAlert, TrackedRecoveredAlert } from './alert';
import { RunAlertsClient, trackedAfterRun, type ProcessedAlerts } from './alerts_client';
import { DEFAULT_FLAPPING_SETTINGS, isFlapping, updateFlappingHistory } from './flapping';

/** Runs the alerts client as the rule task does: the state one run leaves is the next run's input. */
function runner() {
  let tracked: Record<string, TrackedAlert> = {};
  let recovered: Record<string, TrackedRecoveredAlert> = {};
  let run = 0;
  return (reportX: boolean): ProcessedAlerts => {
    run++;
    const client = new RunAlertsClient(
      tracked,
      new Date(Date.UTC(2026, 0, 1, 0, run)).toISOString(),
      new Set(['threshold_met']),
      recovered
    );
    if (reportX) client.publicClient.report({ id: 'x', actionGroup: 'threshold_met' });
    const processed = client.process();
    tracked = Object.fromEntries(
      [...processed.newAlerts, ...processed.ongoing].map((alert) => [
        alert.id,
        trackedAfterRun(alert),
      ])
    );
    recovered = processed.trackedRecovered;
    return processed;
  };
}

const statusOf = (processed: ProcessedAlerts) =>
  processed.newAlerts.length > 0
    ? 'new'
    : processed.ongoing.length > 0
    ? 'active'
    : processed.recovered.length > 0
    ? 'recovered'
    : 'none';

describe('flapping (as Kibana rules settings: lookBackWindow 20, statusChangeThreshold 4)', () => {
  it('counts status changes in the window and keeps flapping until a full window has none', () => {
    const settings = DEFAULT_FLAPPING_SETTINGS;
    let history: boolean[] = [];
    for (const changed of [true, true, true])
      history = updateFlappingHistory(settings, history, changed);
    expect(isFlapping(settings, history, false)).toBe(false);
    history = updateFlappingHistory(settings, history, true);
    expect(isFlapping(settings, history, false)).toBe(true);
    for (let i = 0; i < 19; i++) history = updateFlappingHistory(settings, history, false);
    expect(history).toHaveLength(20);
    expect(isFlapping(settings, history, true)).toBe(true);
    history = updateFlappingHistory(settings, history, false);
    expect(isFlapping(settings, history, true)).toBe(false);
  });

  it('a toggling condition becomes flapping, stays active while pending recovery, and recovers after 4 quiet runs', () => {
    const run = runner();
    // Toggles every run: new, recovered, new (history carried over from the recovered alert)...
    expect(statusOf(run(true))).toBe('new');
    const second = run(false);
    expect(statusOf(second)).toBe('recovered');
    expect(second.recovered[0]!.flapping).toEqual({
      flappingHistory: [true, true],
      flapping: false,
      pendingRecoveredCount: 0,
    });
    expect(second.trackedRecovered.x).toEqual({ flappingHistory: [true, true], flapping: false });
    expect(statusOf(run(true))).toBe('new');
    // ...until the fourth change: flapping, so not recovered but kept active, in its action group.
    const fourth = run(false);
    expect(statusOf(fourth)).toBe('active');
    expect(fourth.recovered).toEqual([]);
    expect(fourth.ongoing[0]).toMatchObject({
      id: 'x',
      actionGroup: 'threshold_met',
      flapping: {
        flappingHistory: [true, true, true, true],
        flapping: true,
        pendingRecoveredCount: 1,
      },
    });
    const uuid = fourth.ongoing[0]!.uuid;
    // Toggling on: one alert, active throughout, still flapping, never a recovery.
    for (let i = 0; i < 6; i++) {
      const processed = run(i % 2 === 1);
      expect(statusOf(processed)).toBe('active');
      expect(processed.ongoing[0]!.uuid).toBe(uuid);
      expect(processed.ongoing[0]!.flapping!.flapping).toBe(true);
    }
    // The condition stops: pending for 3 more runs, recovered on the 4th.
    expect([run(false), run(false), run(false)].map(statusOf)).toEqual([
      'active',
      'active',
      'active',
    ]);
    const recovery = run(false);
    expect(statusOf(recovery)).toBe('recovered');
    expect(recovery.recovered[0]!.tracked.uuid).toBe(uuid);
    expect(recovery.recovered[0]!.flapping.flapping).toBe(true);
    // Kept in the state while its window holds a change, then dropped.
    let processed = recovery;
    for (let i = 0; i < 19; i++) processed = run(false);
    expect(processed.trackedRecovered.x?.flappingHistory).toEqual([true, ...Array(19).fill(false)]);
    processed = run(false);
    expect(processed.trackedRecovered.x).toBeUndefined();
  });

  it('a steady condition never flaps', () => {
    const run = runner();
    const runs = Array.from({ length: 25 }, () => run(true));
    expect(runs.map((processed) => processed.newAlerts.length + processed.ongoing.length)).toEqual(
      Array(25).fill(1)
    );
    expect(runs[24]!.ongoing[0]!.flapping).toEqual({
      flappingHistory: Array(20).fill(false),
      flapping: false,
      pendingRecoveredCount: 0,
    });
  });
});
