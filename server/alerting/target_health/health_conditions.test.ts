import type { InstanceHealth } from '../queries/rule_queries';
import { evaluateHealth } from './health_conditions';

const now = Date.parse('2026-12-01T10:00:00Z');
const base: InstanceHealth = {
  service: 'orders',
  instance: 'orders-1',
  lastHeapDocMs: now - 5_000,
  periodMs: 10_000,
  scrapes: [],
  restarts: 0,
  missedPauses: 0,
};
const all = ['down', 'restarted', 'missed_pauses'] as const;

describe('evaluateHealth', () => {
  it('a healthy instance has no finding', () => {
    expect(evaluateHealth(base, all, 3, now)).toEqual([]);
  });

  it('down when no document came for downForIntervals intervals (no scrape documents)', () => {
    expect(evaluateHealth({ ...base, lastHeapDocMs: now - 29_000 }, all, 3, now)).toEqual([]);
    const [finding] = evaluateHealth({ ...base, lastHeapDocMs: now - 31_000 }, all, 3, now);
    expect(finding).toMatchObject({ condition: 'down' });
    expect(finding!.reason).toContain('orders-1');
  });

  it('down when the last downForIntervals scrape attempts failed (scrape health documents)', () => {
    const failure = (ago: number) => ({
      atMs: now - ago,
      outcome: 'failure' as const,
      errorType: 'refused',
      errorMessage: 'connect ECONNREFUSED',
    });
    const scrapes = [failure(1_000), failure(11_000), failure(21_000)];
    expect(evaluateHealth({ ...base, scrapes }, ['down'], 3, now)[0]!.reason).toContain('refused');
    expect(
      evaluateHealth(
        {
          ...base,
          scrapes: [failure(1_000), { atMs: now - 11_000, outcome: 'success' }, failure(21_000)],
        },
        ['down'],
        3,
        now
      )
    ).toEqual([]);
  });

  it('restarted and missed pauses, only when the rule asks for them', () => {
    const health = { ...base, restarts: 1, restartReason: 'num_gc_went_back', missedPauses: 12 };
    expect(evaluateHealth(health, all, 3, now).map((f) => f.condition)).toEqual([
      'restarted',
      'missed_pauses',
    ]);
    expect(evaluateHealth(health, ['down'], 3, now)).toEqual([]);
  });
});
