import { measurePhrase, metricLabel } from './metric_names';

describe('metric names', () => {
  it('names heap fields by their label, custom metrics by their pointer', () => {
    expect(metricLabel('golang.heap.allocations.active')).toBe('Heap in-use spans');
    expect(metricLabel('golang.heap.gc.pause.max.ns')).toBe('GC pause max');
    expect(metricLabel('custom:/cache/hits')).toBe('custom metric /cache/hits');
  });

  it('says what a rule evaluates as a sentence would, never with a field id', () => {
    expect(measurePhrase('golang.heap.allocations.allocated', 'max')).toBe(
      'the highest heap allocated'
    );
    expect(measurePhrase('golang.heap.gc.cpu_fraction', 'avg')).toBe('the average GC CPU fraction');
    expect(measurePhrase('golang.heap.allocations.total', 'rate')).toBe(
      'the rate of bytes allocated'
    );
    expect(measurePhrase('golang.heap.allocations.objects', 'last')).not.toMatch(/golang\./);
  });
});
