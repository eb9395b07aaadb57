import type { GoroutineGrowthParams } from '../../../common/alerting/rule_params';
import { firingReason, recoveryReason } from './goroutine_reasons';

const window = { timeSize: 5, timeUnit: 'm' as const };
const count: GoroutineGrowthParams = { condition: 'count', thresholdGoroutines: 1000, ...window };
const growth: GoroutineGrowthParams = { condition: 'group_growth', intervals: 3, ...window };
const perService = { service: 'orders' };
const perInstance = { service: 'orders', instance: 'orders-1' };

describe('goroutine rule reasons', () => {
  it('name the function and the instance, also for a rule grouped by service', () => {
    const verdict = {
      met: true,
      instance: 'orders-2',
      total: 1540,
      topFunction: 'main.awaitReply',
      groupCount: 1200,
    };
    expect(firingReason(count, perService, verdict)).toBe(
      '1,540 goroutines on instance orders-2 of service orders at the latest read, above 1,000 goroutines; the largest group, 1,200 goroutines, is in main.awaitReply.'
    );
    expect(
      firingReason(growth, perInstance, {
        ...verdict,
        instance: 'orders-1',
        rise: { from: 900, intervals: 3 },
      })
    ).toBe(
      'The goroutines in main.awaitReply on instance orders-1 of service orders rose at each of the last 3 reads, from 900 to 1,200 (1,540 goroutines in all).'
    );
  });

  it('say why the alert recovered, or that there are too few reads to judge', () => {
    const now = {
      met: false,
      instance: 'orders-1',
      total: 12,
      topFunction: 'main.serve',
      groupCount: 1,
    };
    expect(recoveryReason(growth, perInstance, now, '5m')).toBe(
      'No goroutine group on instance orders-1 of service orders rose at each of the last 3 reads (the largest, in main.serve, has 1 goroutine); the alert recovered.'
    );
    expect(recoveryReason(count, perInstance, now, '5m')).toBe(
      '12 goroutines on instance orders-1 of service orders at the latest read, not above 1,000 goroutines; the alert recovered.'
    );
    expect(recoveryReason(growth, perService, undefined, '5m')).toBe(
      'Fewer than 4 goroutine reads from service orders in the last 5m to compare; the alert recovered.'
    );
    expect(recoveryReason(count, perInstance, undefined, '5m')).toBe(
      'No goroutine read from instance orders-1 of service orders in the last 5m; the alert recovered.'
    );
  });
});
