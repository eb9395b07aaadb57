/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen } from '@testing-library/react';
import type { HttpStart } from '@kbn/core/public';
import { renderWithEui } from '../../test/harness/render_eui';
import { RULE_TYPE_IDS } from '../../common/alerting/rule_types';
import { RulePreview, previewQueryOf } from './rule_preview';

jest.setTimeout(60_000);

const PARAMS = {
  metric: 'golang.heap.allocations.active',
  aggregation: 'max',
  comparator: '>',
  threshold: [512 * 1024 * 1024],
  timeSize: 5,
  timeUnit: 'm',
  serviceNames: ['orders', 'imgcache'],
};

function renderPreview(get: jest.Mock, params: Record<string, unknown> = PARAMS) {
  renderWithEui(
    <RulePreview
      http={{ get } as unknown as HttpStart}
      ruleTypeId={RULE_TYPE_IDS.metricThreshold}
      params={params}
    />
  );
}

const answer = (groups: unknown[]) => ({
  groups,
  truncated: false,
  points: [],
  fromMs: 0,
  toMs: 300_000,
});

describe('RulePreview', () => {
  it('asks for the rule window, metric and services', () => {
    expect(previewQueryOf(RULE_TYPE_IDS.metricThreshold, PARAMS)?.query).toEqual({
      measure: 'metric',
      metric: 'golang.heap.allocations.active',
      aggregation: 'max',
      window_ms: 300_000,
      service_names: ['orders', 'imgcache'],
    });
    expect(
      previewQueryOf(RULE_TYPE_IDS.gcPause, { percentile: 99, timeSize: 1, timeUnit: 'h' })
    ).toEqual({
      query: { measure: 'gc_pause', percentile: 99, window_ms: 3_600_000 },
      unit: 'millis',
      thresholds: [],
    });
    // No query while the window does not read.
    expect(previewQueryOf(RULE_TYPE_IDS.metricThreshold, { ...PARAMS, timeSize: '1.5' })).toBe(
      undefined
    );
  });

  it('shows the current value per group in the measure unit', async () => {
    const get = jest.fn().mockResolvedValue(
      answer([
        { service: 'orders', instance: 'orders-1', value: 300 * 1024 * 1024 },
        { service: 'imgcache', instance: 'imgcache-1', value: null },
      ])
    );
    renderPreview(get);
    expect(await screen.findByTestId('goRuntimeRuleCurrentValue')).toHaveTextContent(
      'orders / orders-1: 300 MiB'
    );
    expect(screen.getByTestId('goRuntimeRuleCurrentValue')).toHaveTextContent(
      'imgcache / imgcache-1: no data'
    );
  });

  it('says when the services have no data', async () => {
    renderPreview(jest.fn().mockResolvedValue(answer([])));
    expect(await screen.findByTestId('goRuntimeRulePreviewEmpty')).toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    renderPreview(jest.fn().mockRejectedValue(new Error('Elasticsearch is unavailable')));
    expect(await screen.findByText('No preview: Elasticsearch is unavailable')).toBeInTheDocument();
  });
});
