import { Profile } from 'pprof-format';
import { HEAP_SAMPLE_TYPES, type HeapSampleType } from '../../common/profiles';
import { ProfileDecodeError } from './profile_error';

/** Functions kept per sample type and per ranking (flat, cumulative); the rest are counted. */
export const MAX_TOP_FUNCTIONS = 50;
/** Heaviest stacks kept per sample type for the flame graph; the rest are counted and summed. */
export const MAX_STACKS_PER_TYPE = 100;
/** Frames kept per stored stack, leaf side; Go records at most 128 (debug.profstackdepth). */
export const MAX_FRAMES_PER_STACK = 128;
/**
 * A sample deeper than this is not a real stack: its locations loop. Go's own cap is 128
 * frames, inlined frames can add a few per location.
 */
export const MAX_STACK_DEPTH = 1024;

/** A function's value; its file:line is in the summary's function table, once per profile. */
export interface FunctionValue {
  readonly function: string;
  readonly value: number;
}

export interface SampleTypeSummary {
  readonly total: number;
  readonly top_flat: FunctionValue[];
  readonly top_cum: FunctionValue[];
  /** Functions with a value that are in neither list. */
  readonly functions_cut: number;
  /** Stacks with a value of this type that the flame graph left out, and their sum. */
  readonly stacks_cut: number;
  readonly value_cut: number;
}

export interface FlameStack {
  /** Indexes into `functions`, root first. */
  readonly frames: number[];
  /** One per sample type, in HEAP_SAMPLE_TYPES order. */
  readonly values: number[];
}

export interface HeapProfileSummary {
  readonly samples: number;
  readonly decoded_bytes: number;
  readonly sample_types: Record<HeapSampleType, SampleTypeSummary>;
  /** The functions the top lists and stored stacks name, with file:line of their first frame met. */
  readonly functions: Array<{ function: string; file: string; line: number }>;
  readonly stacks: FlameStack[];
  /** Frames cut from stored stacks deeper than MAX_FRAMES_PER_STACK. */
  readonly frames_cut: number;
}

interface Frame {
  readonly name: string;
  readonly file: string;
  readonly line: number;
}

/** Decodes a decompressed Go heap profile and reduces it to what is stored. Throws ProfileDecodeError. */
export function summarizeHeapProfile(decoded: Uint8Array): HeapProfileSummary {
  let profile: Profile;
  try {
    profile = Profile.decode(decoded);
  } catch (error) {
    throw new ProfileDecodeError(
      'not_a_profile',
      `the decompressed body is not a profile.proto (${String((error as Error).message).slice(
        0,
        120
      )})`
    );
  }
  const strings = profile.stringTable.strings;
  const string = (index: unknown, what: string): string => {
    const i = Number(index);
    if (!Number.isInteger(i) || i < 0 || i >= strings.length)
      throw new ProfileDecodeError(
        'bad_reference',
        `${what} points at string ${i}, outside the profile's string table of ${strings.length}`
      );
    return strings[i]!;
  };

  const typeIndex = HEAP_SAMPLE_TYPES.map((name) =>
    profile.sampleType.findIndex((type, i) => string(type.type, `sample type ${i}`) === name)
  );
  if (typeIndex.some((i) => i < 0))
    throw new ProfileDecodeError(
      'not_a_profile',
      `the profile has sample types [${profile.sampleType
        .map((type) => strings[Number(type.type)] ?? '?')
        .join(', ')
        .slice(0, 200)}], not a Go heap profile's ${HEAP_SAMPLE_TYPES.join(', ')}`
    );

  const functions = new Map<number, { name: string; file: string }>();
  for (const fn of profile.function) {
    functions.set(Number(fn.id), {
      name: string(fn.name, `function ${fn.id}'s name`),
      file: string(fn.filename, `function ${fn.id}'s file name`),
    });
  }
  // A location's lines, leaf (innermost inlined call) first, as profile.proto orders them.
  const locations = new Map<number, Frame[]>();
  for (const location of profile.location) {
    const frames = location.line.map((line) => {
      const fn = functions.get(Number(line.functionId));
      if (fn === undefined)
        throw new ProfileDecodeError(
          'bad_reference',
          `location ${location.id} names function ${line.functionId}, which the profile does not have`
        );
      return { name: fn.name, file: fn.file, line: Number(line.line) };
    });
    locations.set(Number(location.id), frames);
  }

  const flat = HEAP_SAMPLE_TYPES.map(() => new Map<string, number>());
  const cum = HEAP_SAMPLE_TYPES.map(() => new Map<string, number>());
  const firstFrame = new Map<string, Frame>();
  const byStack = new Map<string, { frames: Frame[]; values: number[] }>();
  const totals = HEAP_SAMPLE_TYPES.map(() => 0);

  for (const sample of profile.sample) {
    if (sample.locationId.length > MAX_STACK_DEPTH)
      throw new ProfileDecodeError(
        'cyclic_stack',
        `a sample has a stack of ${sample.locationId.length} locations, past any real Go stack (${MAX_STACK_DEPTH}); its locations loop`
      );
    const values = typeIndex.map((i) => Number(sample.value[i] ?? 0));
    const leafFirst: Frame[] = [];
    for (const id of sample.locationId) {
      const frames = locations.get(Number(id));
      if (frames === undefined)
        throw new ProfileDecodeError(
          'bad_reference',
          `a sample names location ${id}, which the profile does not have`
        );
      leafFirst.push(...frames);
    }
    if (leafFirst.length > MAX_STACK_DEPTH)
      throw new ProfileDecodeError(
        'cyclic_stack',
        `a sample has a stack of ${leafFirst.length} frames, past any real Go stack (${MAX_STACK_DEPTH}); its locations loop`
      );
    for (const frame of leafFirst)
      if (!firstFrame.has(frame.name)) firstFrame.set(frame.name, frame);
    // Recursion puts a function on a stack more than once; it counts once towards its cumulative.
    const onStack = new Set(leafFirst.map((frame) => frame.name));
    values.forEach((value, t) => {
      totals[t] += value;
      if (leafFirst.length > 0) add(flat[t]!, leafFirst[0]!.name, value);
      for (const name of onStack) add(cum[t]!, name, value);
    });
    const key = leafFirst.map((frame) => frame.name).join('\n');
    const existing = byStack.get(key);
    if (existing === undefined) byStack.set(key, { frames: leafFirst, values });
    else values.forEach((value, t) => (existing.values[t] += value));
  }

  const top = (values: Map<string, number>) =>
    [...values]
      .filter(([, value]) => value !== 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_TOP_FUNCTIONS)
      .map(([name, value]): FunctionValue => ({ function: name, value }));

  const allStacks = [...byStack.values()];
  const kept = new Set<(typeof allStacks)[number]>();
  const sampleTypes = {} as Record<HeapSampleType, SampleTypeSummary>;
  HEAP_SAMPLE_TYPES.forEach((type, t) => {
    const withValue = allStacks.filter((stack) => stack.values[t] !== 0);
    withValue.sort((a, b) => b.values[t]! - a.values[t]!);
    const heaviest = withValue.slice(0, MAX_STACKS_PER_TYPE);
    heaviest.forEach((stack) => kept.add(stack));
    const topFlat = top(flat[t]!);
    const topCum = top(cum[t]!);
    const listed = new Set([...topFlat, ...topCum].map((entry) => entry.function));
    sampleTypes[type] = {
      total: totals[t]!,
      top_flat: topFlat,
      top_cum: topCum,
      functions_cut: [...cum[t]!].filter(([name, value]) => value !== 0 && !listed.has(name))
        .length,
      stacks_cut: withValue.length - heaviest.length,
      value_cut: withValue.slice(MAX_STACKS_PER_TYPE).reduce((sum, s) => sum + s.values[t]!, 0),
    };
  });

  const functionIndex = new Map<string, number>();
  const functionTable: HeapProfileSummary['functions'] = [];
  const indexOf = (name: string): number => {
    let index = functionIndex.get(name);
    if (index === undefined) {
      index = functionTable.length;
      functionIndex.set(name, index);
      const first = firstFrame.get(name)!;
      functionTable.push({ function: name, file: first.file, line: first.line });
    }
    return index;
  };
  for (const type of HEAP_SAMPLE_TYPES) {
    for (const entry of sampleTypes[type].top_flat) indexOf(entry.function);
    for (const entry of sampleTypes[type].top_cum) indexOf(entry.function);
  }
  let framesCut = 0;
  const stacks = [...kept].map((stack) => {
    const leafSide = stack.frames.slice(0, MAX_FRAMES_PER_STACK);
    framesCut += stack.frames.length - leafSide.length;
    return { frames: leafSide.reverse().map((frame) => indexOf(frame.name)), values: stack.values };
  });

  return {
    samples: profile.sample.length,
    decoded_bytes: decoded.length,
    sample_types: sampleTypes,
    functions: functionTable,
    stacks,
    frames_cut: framesCut,
  };
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}
