import { i18n } from '@kbn/i18n';
import { MAX_BULK_CREATE } from '../../common/targets';

/**
 * Most targets one paste creates: a bigger list is refused with a message, not cut. One bulk
 * create takes the whole list.
 */
export const MAX_PASTED_TARGETS = MAX_BULK_CREATE;

export interface PastedTarget {
  readonly name: string;
  readonly url: string;
}

const RANGE = /^(https?:\/\/[^/?#]+):(\d{1,5})-(\d{1,5})([/?#].*)?$/i;

/**
 * "Add many": one URL per line, or a URL whose port is a range (`http://10.0.0.5:6060-6069/debug/vars`).
 * A URL without a path gets Go's `/debug/vars`. Each target is named `<host>:<port>`.
 */
export function parseTargetList(text: string): { targets: PastedTarget[]; problems: string[] } {
  const targets: PastedTarget[] = [];
  const problems: string[] = [];
  const add = (raw: string, line: number) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      problems.push(
        i18n.translate('goRuntime.addMany.notUrl', {
          defaultMessage: 'line {line}: not a URL',
          values: { line },
        })
      );
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      problems.push(
        i18n.translate('goRuntime.addMany.scheme', {
          defaultMessage: 'line {line}: must use http or https',
          values: { line },
        })
      );
      return;
    }
    if (url.pathname === '/' && url.search === '') url.pathname = '/debug/vars';
    // A URL given twice stays: the preview says it duplicates an earlier line.
    targets.push({ name: url.host, url: url.toString() });
  };
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const range = RANGE.exec(line);
    if (range === null) {
      add(line, index + 1);
      return;
    }
    const [, origin, fromText, toText, rest = ''] = range;
    const from = Number(fromText);
    const to = Number(toText);
    if (!(from >= 1 && to <= 65535 && from <= to)) {
      problems.push(
        i18n.translate('goRuntime.addMany.range', {
          defaultMessage: 'line {line}: the port range {from}-{to} must go up, within 1-65535',
          values: { line: index + 1, from: fromText!, to: toText! },
        })
      );
      return;
    }
    if (to - from + 1 > MAX_PASTED_TARGETS) {
      problems.push(
        i18n.translate('goRuntime.addMany.rangeTooBig', {
          defaultMessage: 'line {line}: {count} ports, more than {max} at once',
          values: { line: index + 1, count: to - from + 1, max: MAX_PASTED_TARGETS },
        })
      );
      return;
    }
    for (let port = from; port <= to; port++) add(`${origin}:${port}${rest}`, index + 1);
  });
  if (targets.length > MAX_PASTED_TARGETS) {
    return {
      targets: [],
      problems: [
        ...problems,
        i18n.translate('goRuntime.addMany.tooMany', {
          defaultMessage: '{count} targets, more than {max} at once; split the list',
          values: { count: targets.length, max: MAX_PASTED_TARGETS },
        }),
      ],
    };
  }
  return { targets, problems };
}
