import { RULE_TYPE_IDS } from '../../common/alerting/rule_types';
import { THRESHOLD_FIELDS, DERIVED_THRESHOLD_FIELDS } from '../../common/alerting/rule_params';
import { PANELS } from '../application/panels';
import { panelRulePrefill, serviceRulePrefill } from './rule_prefill';

const panel = (id: string) => PANELS.find((candidate) => candidate.id === id)!;

describe('panelRulePrefill', () => {
  it('watches HeapInuse from the heap panel, for the service only', () => {
    expect(panelRulePrefill('orders', panel('heap'))).toEqual({
      ruleTypeId: RULE_TYPE_IDS.metricThreshold,
      name: 'orders Heap',
      params: {
        metric: 'golang.heap.allocations.active',
        aggregation: 'max',
        comparator: '>',
        timeSize: 5,
        timeUnit: 'm',
        groupBy: 'instance',
        serviceNames: ['orders'],
      },
    });
  });

  it('gives the GC pauses panel the gcPause rule', () => {
    const prefill = panelRulePrefill('orders', panel('gc_pauses'));
    expect(prefill?.ruleTypeId).toBe(RULE_TYPE_IDS.gcPause);
    expect(prefill?.params).toMatchObject({ percentile: 99, serviceNames: ['orders'] });
  });

  it('offers no rule where no one field stands for the panel', () => {
    expect(panelRulePrefill('orders', panel('size_classes'))).toBeUndefined();
    expect(panelRulePrefill('orders', panel('custom_vars'))).toBeUndefined();
  });

  it('names only metrics a metricThreshold rule accepts', () => {
    const accepted: readonly string[] = [...THRESHOLD_FIELDS, ...DERIVED_THRESHOLD_FIELDS];
    for (const candidate of PANELS)
      if (candidate.ruleMetric !== undefined) expect(accepted).toContain(candidate.ruleMetric);
  });
});

describe('serviceRulePrefill', () => {
  it('watches the heap in use of the service', () => {
    expect(serviceRulePrefill('orders').params).toMatchObject({
      metric: 'golang.heap.allocations.active',
      serviceNames: ['orders'],
    });
  });
});
