import type { ServiceSummary } from '../../common/panels';
import { metricUnavailable, sourcesOfServices } from './metric_sources';

const service = (name: string, sources: ServiceSummary['sources']) =>
  ({ service_name: name, sources } as ServiceSummary);
const LIST = [
  service('own', ['go_runtime']),
  service('apm-only', ['apm']),
  service('mb-only', ['metricbeat']),
  service('both', ['go_runtime', 'apm']),
];

describe('the metrics a rule over the chosen services is offered', () => {
  it('takes the sources of the chosen services, of all listed ones when none is chosen', () => {
    expect(sourcesOfServices(LIST, ['apm-only', 'mb-only'])?.sort()).toEqual(['apm', 'metricbeat']);
    expect(sourcesOfServices(LIST, [])?.sort()).toEqual(['apm', 'go_runtime', 'metricbeat']);
  });

  it('does not know (offers everything) before the list loads or for a service not in it', () => {
    expect(sourcesOfServices(undefined, ['own'])).toBeUndefined();
    expect(sourcesOfServices(LIST, ['apm-only', 'not-yet-seen'])).toBeUndefined();
    expect(metricUnavailable('golang.heap.gc.pause.max.ns', undefined)).toBeUndefined();
  });

  it("refuses a metric none of the chosen services' sources reports, naming them", () => {
    const apm = sourcesOfServices(LIST, ['apm-only']);
    expect(metricUnavailable('golang.heap.allocations.active', apm)).toBeUndefined();
    expect(metricUnavailable('golang.heap.gc.pause.max.ns', apm)).toBe(
      'Not reported by the chosen services (APM Go agent)'
    );
    expect(metricUnavailable('custom:/cache/hits', apm)).toBeDefined();
    // Metricbeat reports per-period pauses; the plugin's own derived cycles only it has.
    const mb = sourcesOfServices(LIST, ['mb-only']);
    expect(metricUnavailable('golang.heap.gc.pause.max.ns', mb)).toBeUndefined();
    expect(metricUnavailable('golang.heap.gc.cycles', mb)).toBeDefined();
  });

  it('offers every metric when one chosen service is scraped by the plugin itself', () => {
    const mixed = sourcesOfServices(LIST, ['apm-only', 'both']);
    expect(metricUnavailable('golang.heap.gc.pause.max.ns', mixed)).toBeUndefined();
    expect(metricUnavailable('custom:/cache/hits', mixed)).toBeUndefined();
  });
});
