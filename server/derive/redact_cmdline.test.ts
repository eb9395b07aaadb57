import { REDACTED, redactCmdline } from './redact_cmdline';

describe('redactCmdline', () => {
  const args = [
    '/usr/bin/app',
    '-addr',
    ':6060',
    '--db-password=hunter2',
    '-v',
    '--token',
    'abc',
    'serve',
    '-n',
    '-5',
  ];

  it('keeps the program and the flag names and hides every value by default', () => {
    expect(redactCmdline(args, 'redact')).toEqual([
      '/usr/bin/app',
      '-addr',
      REDACTED,
      `--db-password=${REDACTED}`,
      '-v',
      '--token',
      REDACTED,
      REDACTED,
      '-n',
      REDACTED,
    ]);
    expect(JSON.stringify(redactCmdline(args, 'redact'))).not.toMatch(/hunter2|abc|6060/);
  });

  it('keeps or omits it all when the target says so', () => {
    expect(redactCmdline(args, 'keep')).toEqual(args);
    expect(redactCmdline(args, 'omit')).toBeUndefined();
  });
});
