import type { Logger, LoggerFactory } from '@kbn/core/server';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
const ORDER: Record<Level, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, fatal: 5 };

/** Kibana-style log lines: `[time][LEVEL][context] message`, one per line, to stdout. */
export function createLoggerFactory(nodeName: string, minimum: Level = 'info'): LoggerFactory {
  const make = (context: string): Logger => {
    const write = (level: Level, message: string | Error) => {
      if (ORDER[level] < ORDER[minimum]) return;
      const text = message instanceof Error ? message.stack ?? message.message : message;
      process.stdout.write(
        `[${new Date().toISOString()}][${level.toUpperCase()}][${nodeName}][${context}] ${text}\n`
      );
    };
    return {
      trace: (m) => write('trace', m),
      debug: (m) => write('debug', m),
      info: (m) => write('info', m),
      warn: (m) => write('warn', m),
      error: (m) => write('error', m),
      fatal: (m) => write('fatal', m),
      get: (...parts) => make([context, ...parts].join('.')),
    };
  };
  return { get: (...parts) => make(parts.join('.')) };
}
