import { sourceReaders } from '../../sources/source_readers';
import { eachSource, externalRuleFilters, isExternal } from './rule_sources';

const readers = sourceReaders({
  apm: { enabled: true, indices: 'metrics-apm.internal-*' },
  golangIntegration: { enabled: true, indices: 'logs-golang.heap-*' },
  metricbeat: { enabled: true, indices: 'metricbeat-*' },
  serviceNames: [],
});

describe('eachSource', () => {
  it("keeps the other sources' answers when one fails, and says which failed and why", async () => {
    const { answers, failures } = await eachSource(readers, async (reader) => {
      if (reader.id === 'metricbeat') throw new Error('field mapped as keyword');
      return reader.id;
    });
    expect(answers.map(({ answer }) => answer)).toEqual([
      'go_runtime',
      'apm',
      'golang_integration',
    ]);
    expect(failures).toEqual([{ source: 'metricbeat', message: 'field mapped as keyword' }]);
  });

  it('fails as a single query would when every source failed', async () => {
    await expect(
      eachSource(readers, async (reader) => {
        throw new Error(`${reader.id} refused`);
      })
    ).rejects.toThrow('go_runtime refused');
  });
});

describe('externalRuleFilters', () => {
  it("reads another source's own documents of the rule's services that have the field, in no space", () => {
    const apm = readers.find((reader) => reader.id === 'apm')!;
    if (!isExternal(apm)) throw new Error('apm is external');
    const filters = externalRuleFilters(
      apm,
      { fromMs: 1, toMs: 2 },
      ['orders'],
      'golang.goroutines'
    );
    expect(filters).toContainEqual({ term: { 'agent.name': 'go' } });
    expect(filters).toContainEqual({ exists: { field: 'golang.goroutines' } });
    expect(JSON.stringify(filters)).not.toContain('space_id');
    expect(JSON.stringify(filters)).toContain('"orders"');
  });
});
