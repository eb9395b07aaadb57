import type { GrowthRow } from '../../common/profile_pages';

/** What What grew reads of one stored heap profile (`go_runtime.profile.heap` of a document). */
export interface StoredHeapFigures {
  readonly inuse_space: StoredTypeFigures;
  readonly inuse_objects: StoredTypeFigures;
  /** The function table of the profile: file:line for the names the lists give. */
  readonly functions?: ReadonlyArray<{ function: string; file: string; line: number }>;
}

interface StoredTypeFigures {
  readonly top_flat: ReadonlyArray<{ function: string; value: number }>;
  /** Functions with a value that neither top list kept. */
  readonly functions_cut?: number;
}

/**
 * In-use growth per function between two heap profiles of one process, by the functions' flat
 * figures (what each allocated and still holds, the allocation site a leak is fixed at), most
 * grown bytes first, then most grown objects, then by name so the order is stable.
 *
 * Only the stored top lists are known: a function absent from a list counts as 0 there, and
 * `listed_in_first` says when the first value is such a stand-in (the function may have held
 * up to the list's smallest value while it was cut), so a reader can tell new from grown.
 */
export function whatGrew(first: StoredHeapFigures, last: StoredHeapFigures): GrowthRow[] {
  const bytesBefore = valuesOf(first.inuse_space);
  const objectsBefore = valuesOf(first.inuse_objects);
  const bytesAfter = valuesOf(last.inuse_space);
  const objectsAfter = valuesOf(last.inuse_objects);
  const where = new Map<string, { file: string; line: number }>();
  for (const table of [first.functions ?? [], last.functions ?? []])
    for (const fn of table) where.set(fn.function, { file: fn.file, line: fn.line });

  const names = new Set([
    ...bytesBefore.keys(),
    ...bytesAfter.keys(),
    ...objectsBefore.keys(),
    ...objectsAfter.keys(),
  ]);
  const rows = [...names].map((name): GrowthRow => {
    const bytesLast = bytesAfter.get(name) ?? 0;
    const objectsLast = objectsAfter.get(name) ?? 0;
    return {
      function: name,
      file: where.get(name)?.file ?? '',
      line: where.get(name)?.line ?? 0,
      inuse_space_growth: bytesLast - (bytesBefore.get(name) ?? 0),
      inuse_objects_growth: objectsLast - (objectsBefore.get(name) ?? 0),
      inuse_space_last: bytesLast,
      inuse_objects_last: objectsLast,
      listed_in_first: bytesBefore.has(name) || objectsBefore.has(name),
    };
  });
  return rows.sort(
    (a, b) =>
      b.inuse_space_growth - a.inuse_space_growth ||
      b.inuse_objects_growth - a.inuse_objects_growth ||
      (a.function < b.function ? -1 : a.function > b.function ? 1 : 0)
  );
}

function valuesOf(figures: StoredTypeFigures | undefined): Map<string, number> {
  const values = new Map<string, number>();
  for (const entry of figures?.top_flat ?? [])
    if (Number.isFinite(entry.value)) values.set(entry.function, entry.value);
  return values;
}
