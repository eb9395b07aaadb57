/**
 * Prints what common/, server/ and public/ use from @kbn/* as manifest entries (without the
 * Kibana paths and commits), to bring dev/kbn/MANIFEST.json up to date: `npx tsx dev/checks/print_kbn_uses.ts`.
 */
import path from 'node:path';
import { collectFieldUses, collectKbnImports } from './kbn_manifest';

const root = path.resolve(__dirname, '../..');
const entries = new Map<
  string,
  { module: string; symbol: string; imported: boolean; fields: Set<string> }
>();
const entry = (module: string, symbol: string) => {
  const key = `${module}|${symbol}`;
  const found = entries.get(key) ?? { module, symbol, imported: false, fields: new Set<string>() };
  entries.set(key, found);
  return found;
};
for (const use of collectKbnImports(root)) entry(use.module, use.symbol).imported = true;
for (const use of collectFieldUses(root)) entry(use.module, use.symbol).fields.add(use.field);
const sorted = [...entries.values()].sort((a, b) =>
  `${a.module} ${a.symbol}`.localeCompare(`${b.module} ${b.symbol}`)
);
process.stdout.write(
  `${JSON.stringify(
    sorted.map((e) => ({
      module: e.module,
      symbol: e.symbol,
      kibanaPath: '',
      commit: '',
      imported: e.imported,
      fields: [...e.fields].sort(),
    })),
    null,
    2
  )}\n`
);
