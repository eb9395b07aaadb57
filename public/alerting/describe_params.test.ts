import { describeParams } from './describe_params';

const valueOf = (params: Record<string, unknown>, key: string) =>
  describeParams(params).find((line) => line.key === key)?.value;

describe('describeParams', () => {
  it('writes a heap threshold in binary units and the window in words', () => {
    const params = {
      metric: 'golang.heap.allocations.allocated',
      aggregation: 'max',
      comparator: '>',
      threshold: [512 * 1024 * 1024],
      timeSize: 5,
      timeUnit: 'm',
      groupBy: 'instance',
      serviceNames: ['orders'],
    };
    expect(valueOf(params, 'threshold')).toBe('> 512 MiB');
    expect(valueOf(params, 'timeSize')).toBe('5 minutes');
    expect(valueOf(params, 'groupBy')).toBe('instance');
    // The services are shown as links by the page, not as a param line.
    expect(valueOf(params, 'serviceNames')).toBeUndefined();
  });

  it('writes a range, pauses in ms, growth per hour and unknown keys as they are', () => {
    expect(
      valueOf(
        {
          metric: 'golang.heap.allocations.active',
          comparator: 'between',
          threshold: [1024, 2048],
        },
        'threshold'
      )
    ).toBe('between 1.00 KiB and 2.00 KiB');
    expect(valueOf({ percentile: 99, comparator: '>', thresholdMs: 20 }, 'thresholdMs')).toBe(
      '> 20.00 ms'
    );
    expect(valueOf({ minGrowthBytesPerHour: 10 * 1024 * 1024 }, 'minGrowthBytesPerHour')).toBe(
      '10.0 MiB/h'
    );
    expect(valueOf({ downForIntervals: 3 }, 'downForIntervals')).toBe('3 scrape intervals');
    expect(valueOf({ alertOnNoData: true }, 'alertOnNoData')).toBe('true');
  });
});

describe('describeParams of a rate and of a custom metric', () => {
  it('writes the threshold in the unit the rule compares in, and the metric by its name', () => {
    const rate = describeParams({
      metric: 'golang.heap.allocations.allocated',
      aggregation: 'rate',
      comparator: '>',
      threshold: [10 * 1024 * 1024],
    });
    const line = (key: string) => rate.find((l) => l.key === key)?.value;
    expect(line('threshold')).toMatch(/^> 10\.0+ MiB\/s$/);
    expect(line('metric')).not.toBe('golang.heap.allocations.allocated');
  });

  it("writes a goroutine rule's condition in words", () => {
    const window = { timeSize: 10, timeUnit: 'm' };
    expect(valueOf({ condition: 'count', thresholdGoroutines: 1000, ...window }, 'condition')).toBe(
      'more than 1,000 goroutines'
    );
    const growth = describeParams({ condition: 'group_growth', intervals: 3, ...window });
    expect(growth.find((line) => line.key === 'condition')?.value).toBe(
      'one stack group growing at each of the last 3 goroutine reads'
    );
    expect(growth.map((line) => line.key)).toEqual(['condition', 'timeSize', 'groupBy']);
  });
});
