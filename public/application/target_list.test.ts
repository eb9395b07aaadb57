import { parseTargetList } from './target_list';

describe('parseTargetList', () => {
  it('reads URLs and port ranges, adds /debug/vars to a bare host, keeps repeats for the preview to mark, drops comments', () => {
    const { targets, problems } = parseTargetList(
      [
        'http://10.0.0.5:6060/debug/vars',
        '  http://10.0.0.6:7000  ',
        '# a comment',
        '',
        'http://127.0.0.1:6061-6063/debug/vars',
        'http://10.0.0.5:6060/debug/vars',
      ].join('\n')
    );
    expect(problems).toEqual([]);
    expect(targets).toEqual([
      { name: '10.0.0.5:6060', url: 'http://10.0.0.5:6060/debug/vars' },
      { name: '10.0.0.6:7000', url: 'http://10.0.0.6:7000/debug/vars' },
      { name: '127.0.0.1:6061', url: 'http://127.0.0.1:6061/debug/vars' },
      { name: '127.0.0.1:6062', url: 'http://127.0.0.1:6062/debug/vars' },
      { name: '127.0.0.1:6063', url: 'http://127.0.0.1:6063/debug/vars' },
      { name: '10.0.0.5:6060', url: 'http://10.0.0.5:6060/debug/vars' },
    ]);
  });

  it('names each bad line and refuses more than 1000 targets', () => {
    expect(parseTargetList('not a url\nftp://x/\nhttp://h:7000-6000/').problems).toEqual([
      'line 1: not a URL',
      'line 2: must use http or https',
      'line 3: the port range 7000-6000 must go up, within 1-65535',
    ]);
    expect(parseTargetList('http://h:1000-2000/').problems).toEqual([
      'line 1: 1001 ports, more than 1000 at once',
    ]);
  });
});
