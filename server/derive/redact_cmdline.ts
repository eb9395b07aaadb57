/**
 * How much of a target's command line is indexed. Flags often carry secrets
 * (-db-password=…, --token …), so the default keeps the program and the flag names and hides
 * every value; `keep` is for targets whose command line is known to be harmless.
 */
export type CmdlineMode = 'redact' | 'keep' | 'omit';

export const REDACTED = '[redacted]';

/**
 * `./app -addr :6060 --token=abc run` → `./app -addr [redacted] --token=[redacted] [redacted]`.
 * A value is any argument that is not a flag; `-flag=value` keeps `-flag=`.
 */
export function redactCmdline(args: readonly string[], mode: CmdlineMode): string[] | undefined {
  if (mode === 'omit') return undefined;
  if (mode === 'keep') return [...args];
  return args.map((arg, index) => {
    if (index === 0) return arg;
    if (/^--?[^-=\s][^=\s]*=/.test(arg)) return `${arg.slice(0, arg.indexOf('=') + 1)}${REDACTED}`;
    if (/^--?[^-\s]/.test(arg) && !/^-\d/.test(arg)) return arg;
    return REDACTED;
  });
}
