/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { useMemo, useState } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import type {
  RuleTypeModel,
  TriggersAndActionsUIPublicPluginSetup,
} from '@kbn/triggers-actions-ui-plugin/public';
import { renderWithEui } from '../../test/harness/render_eui';
import { RULE_TYPE_IDS, type GoRuleTypeId } from '../../common/alerting/rule_types';
import type { ServiceSummary } from '../../common/panels';
import { expressionFor, type ServicesLoader } from './expressions/rule_params_expression';
import { registerRuleTypeModels } from './rule_type_models';

jest.setTimeout(60_000);

const models = new Map<string, RuleTypeModel>();
registerRuleTypeModels({
  ruleTypeRegistry: {
    register: (model: RuleTypeModel) => models.set(model.id, model),
    has: (id: string) => models.has(id),
    get: (id: string) => models.get(id)!,
    list: () => [...models.values()],
  },
} as TriggersAndActionsUIPublicPluginSetup);

type Params = Record<string, unknown>;
const MiB = 1024 * 1024;
const HEAP = {
  metric: 'golang.heap.allocations.active',
  aggregation: 'max',
  comparator: '>',
  timeSize: 5,
  timeUnit: 'm',
};

/** The rule flyout's part in it: holds the params, validates them with the rule type's model. */
function renderForm(ruleTypeId: GoRuleTypeId, initial: Params, loadServices?: ServicesLoader) {
  const seen: { params: Params } = { params: initial };
  const validate = (params: Params) => models.get(ruleTypeId)!.validate(params).errors;
  function Flyout() {
    const [params, setParams] = useState<Params>(initial);
    seen.params = params;
    const Expression = useMemo(() => expressionFor(ruleTypeId, undefined, loadServices), []);
    return (
      <Expression
        ruleParams={params}
        ruleInterval="1m"
        setRuleParams={(key, value) => setParams((current) => ({ ...current, [key]: value }))}
        errors={validate(params)}
        defaultActionGroupId="threshold_met"
        actionGroups={[]}
      />
    );
  }
  renderWithEui(<Flyout />);
  return {
    seen,
    validate: () => validate(seen.params),
    user: userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never }),
  };
}

const field = (key: string) => screen.getByTestId(`goRuntimeRuleParam-${key}`);
const rowOf = (key: string) => field(key).closest('.euiFormRow') as HTMLElement;

describe('the rule form types values as people write them', () => {
  it.each([
    ['golang.heap.gc.cpu_fraction', '5 %', [0.05], '5.00 %'],
    ['golang.heap.gc.cpu_fraction', '5', [0.05], '5.00 %'],
    // A fraction is typed in percent, as the GC CPU panel shows it: 0.05 is 0.05 %, and the
    // field says so before the rule is saved.
    ['golang.heap.gc.cpu_fraction', '0.05', [0.0005], '0.05 %'],
    ['golang.heap.allocations.objects', '1.5', [1.5], '1.5'],
    ['golang.heap.allocations.active', '10 MiB', [10 * MiB], '10.0 MiB'],
    ['golang.heap.allocations.active', '1.5GiB', [1.5 * 1024 * MiB], '1.50 GiB'],
    ['golang.heap.gc.pause.max.ns', '250us', [250_000], '250.0 µs'],
    ['custom:/queue/depth', '-1', [-1], '-1'],
  ])('%s: typing %j stores %j', async (metric, typed, threshold, readsAs) => {
    const { seen, validate, user } = renderForm(RULE_TYPE_IDS.metricThreshold, {
      ...HEAP,
      metric,
    });
    await user.type(field('threshold'), typed);
    expect(field('threshold')).toHaveValue(typed);
    await waitFor(() => expect(seen.params.threshold).toEqual(threshold));
    expect(validate()).toEqual({});
    expect(rowOf('threshold')).toHaveTextContent(`Reads as ${readsAs}.`);
  });

  it('takes "low, high" with between', async () => {
    const { seen, validate, user } = renderForm(RULE_TYPE_IDS.metricThreshold, {
      ...HEAP,
      comparator: 'between',
    });
    await user.type(field('threshold'), '100, 200');
    expect(field('threshold')).toHaveValue('100, 200');
    await waitFor(() => expect(seen.params.threshold).toEqual([100, 200]));
    expect(validate()).toEqual({});
    expect(rowOf('threshold')).toHaveTextContent('Reads as 100 B and 200 B.');
  });

  it.each([
    ['golang.heap.allocations.active', '-1', 'Must not be negative'],
    ['golang.heap.allocations.active', '1,5', 'Use a point for decimals (1.5, not 1,5)'],
    [
      'golang.heap.allocations.active',
      '100, 200',
      'One value only (use a point for decimals: 1.5)',
    ],
    ['golang.heap.allocations.active', '300 KB', 'Unknown unit "KB" (use KiB'],
    ['golang.heap.gc.cpu_fraction', 'NaN', 'Not a number: "NaN"'],
  ])('%s: refuses %j under the field and in validate', async (metric, typed, error) => {
    const { seen, validate, user } = renderForm(RULE_TYPE_IDS.metricThreshold, {
      ...HEAP,
      metric,
      threshold: [1],
    });
    await user.clear(field('threshold'));
    await user.type(field('threshold'), typed);
    expect(field('threshold')).toHaveValue(typed);
    expect(field('threshold')).toBeInvalid();
    expect(rowOf('threshold')).toHaveTextContent(error);
    // The last value that did read is not kept: the flyout cannot save it.
    await waitFor(() => expect(seen.params.threshold).toBe(typed));
    expect(String(validate().threshold)).toContain(error);
  });

  it('keeps the services as typed and stores the list', async () => {
    const { seen, validate, user } = renderForm(RULE_TYPE_IDS.metricThreshold, {
      ...HEAP,
      threshold: [1],
    });
    await user.type(field('serviceNames'), 'orders, imgcache');
    expect(field('serviceNames')).toHaveValue('orders, imgcache');
    await waitFor(() => expect(seen.params.serviceNames).toEqual(['orders', 'imgcache']));
    expect(validate()).toEqual({});
    await user.clear(field('serviceNames'));
    await waitFor(() => expect(seen.params.serviceNames).toBeUndefined());
  });

  it('opens a stored rule in human units', () => {
    renderForm(RULE_TYPE_IDS.metricThreshold, { ...HEAP, threshold: [512 * MiB] });
    expect(field('threshold')).toHaveValue('512 MiB');
  });

  it('reads the text again when the metric changes its unit', async () => {
    const { seen, user } = renderForm(RULE_TYPE_IDS.metricThreshold, HEAP);
    await user.type(field('threshold'), '10 MiB');
    await waitFor(() => expect(seen.params.threshold).toEqual([10 * MiB]));
    await user.selectOptions(field('metric'), 'golang.heap.gc.cpu_fraction');
    await waitFor(() => expect(seen.params.threshold).toBe('10 MiB'));
    expect(rowOf('threshold')).toHaveTextContent('Unknown unit "MiB"');
  });

  it('types GC pause thresholds as durations and heap growth as sizes per hour', async () => {
    const gc = renderForm(RULE_TYPE_IDS.gcPause, {
      percentile: 99,
      comparator: '>',
      timeSize: 5,
      timeUnit: 'm',
    });
    await gc.user.type(field('thresholdMs'), '1.5');
    await waitFor(() => expect(gc.seen.params.thresholdMs).toBe(1.5));
    await gc.user.clear(field('thresholdMs'));
    await gc.user.type(field('thresholdMs'), '250 µs');
    await waitFor(() => expect(gc.seen.params.thresholdMs).toBe(0.25));
    expect(gc.validate()).toEqual({});
  });

  it('binds the no-data switch to alertOnNoData', async () => {
    const { seen, user } = renderForm(RULE_TYPE_IDS.heapGrowth, {
      timeSize: 1,
      timeUnit: 'h',
      minGrowthBytesPerHour: 10 * MiB,
    });
    expect(field('minGrowthBytesPerHour')).toHaveValue('10 MiB/h');
    await user.click(field('alertOnNoData'));
    await waitFor(() => expect(seen.params.alertOnNoData).toBe(true));
  });

  it('refuses a time size that is not a whole number', async () => {
    const { seen, validate, user } = renderForm(RULE_TYPE_IDS.metricThreshold, {
      ...HEAP,
      threshold: [1],
    });
    await user.clear(field('timeSize'));
    await user.type(field('timeSize'), '1.5');
    await waitFor(() => expect(seen.params.timeSize).toBe('1.5'));
    expect(validate().timeSize).toEqual(['A whole number from 1 to 86400']);
  });

  it('goroutine growth: shows the field of the chosen condition and drops the other one', async () => {
    const { seen, validate, user } = renderForm(RULE_TYPE_IDS.goroutineGrowth, {
      condition: 'count',
      timeSize: 10,
      timeUnit: 'm',
    });
    expect(screen.queryByTestId('goRuntimeRuleParam-intervals')).toBeNull();
    await user.type(field('thresholdGoroutines'), '500');
    await waitFor(() => expect(seen.params.thresholdGoroutines).toBe(500));
    expect(validate()).toEqual({});
    await user.selectOptions(field('condition'), 'group_growth');
    await waitFor(() => expect(seen.params.thresholdGoroutines).toBeUndefined());
    expect(screen.queryByTestId('goRuntimeRuleParam-thresholdGoroutines')).toBeNull();
    expect(validate().intervals).toEqual(['[intervals] must be a whole number from 2 to 60']);
    await user.type(field('intervals'), '3');
    await waitFor(() => expect(seen.params.intervals).toBe(3));
    expect(validate()).toEqual({});
  });
});

describe('the rule form offers the metrics the chosen services report', () => {
  const summary = (name: string, sources: ServiceSummary['sources']) =>
    ({ service_name: name, sources } as ServiceSummary);
  const services = [summary('apm-svc', ['apm']), summary('own-svc', ['go_runtime'])];
  const option = (metric: string) =>
    field('metric').querySelector(`option[value="${metric}"]`) as HTMLOptionElement;

  it("disables, with why, a metric none of the chosen services' sources reports", async () => {
    renderForm(
      RULE_TYPE_IDS.metricThreshold,
      { ...HEAP, serviceNames: ['apm-svc'] },
      async () => services
    );
    await waitFor(() => expect(option('golang.heap.gc.pause.max.ns')).toBeDisabled());
    expect(option('golang.heap.gc.pause.max.ns')).toHaveTextContent(
      'Not reported by the chosen services (APM Go agent)'
    );
    expect(option('golang.heap.allocations.active')).toBeEnabled();
  });

  it("offers every metric once a chosen service is the plugin's own, and says why a chosen one is not", async () => {
    const { user } = renderForm(
      RULE_TYPE_IDS.metricThreshold,
      { ...HEAP, metric: 'golang.heap.gc.pause.max.ns', serviceNames: ['apm-svc'] },
      async () => services
    );
    await waitFor(() =>
      expect(rowOf('metric')).toHaveTextContent(
        'Not reported by the chosen services (APM Go agent)'
      )
    );
    await user.clear(field('serviceNames'));
    await user.type(field('serviceNames'), 'apm-svc, own-svc');
    await waitFor(() => expect(option('golang.heap.gc.pause.max.ns')).toBeEnabled());
    expect(rowOf('metric')).not.toHaveTextContent('Not reported');
  });

  it('offers every metric while the services are not known', async () => {
    renderForm(RULE_TYPE_IDS.metricThreshold, { ...HEAP, serviceNames: ['apm-svc'] });
    expect(option('golang.heap.gc.pause.max.ns')).toBeEnabled();
  });
});
