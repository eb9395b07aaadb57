import { Profile } from 'pprof-format';
import { HEAP_SAMPLE_TYPES, MAX_STACKS_PER_TYPE, type HeapSampleType } from '../../common/profiles';
import { ProfileDecodeError } from './profile_error';

/** Functions kept per sample type and per ranking (flat, cumulative); the rest are counted. */
export const MAX_TOP_FUNCTIONS = 50;
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

  // Function names are interned to small integers: per sample, the work is then array
  // indexing and a short numeric key, not maps and keys of long function-name strings.
  const nameIds = new Map<string, number>();
  const names: string[] = [];
  const idOfName = (name: string): number => {
    let id = nameIds.get(name);
    if (id === undefined) {
      id = names.length;
      nameIds.set(name, id);
      names.push(name);
    }
    return id;
  };
  const functions = new Map<number, { id: number; file: string }>();
  for (const fn of profile.function) {
    functions.set(Number(fn.id), {
      id: idOfName(string(fn.name, `function ${fn.id}'s name`)),
      file: string(fn.filename, `function ${fn.id}'s file name`),
    });
  }
  // A location's lines, leaf (innermost inlined call) first, as profile.proto orders them.
  const locations = new Map<number, Array<{ id: number; file: string; line: number }>>();
  for (const location of profile.location) {
    const frames = location.line.map((line) => {
      const fn = functions.get(Number(line.functionId));
      if (fn === undefined)
        throw new ProfileDecodeError(
          'bad_reference',
          `location ${location.id} names function ${line.functionId}, which the profile does not have`
        );
      return { id: fn.id, file: fn.file, line: Number(line.line) };
    });
    locations.set(Number(location.id), frames);
  }

  const types = HEAP_SAMPLE_TYPES.length;
  const flat = HEAP_SAMPLE_TYPES.map(() => new Float64Array(names.length));
  const cum = HEAP_SAMPLE_TYPES.map(() => new Float64Array(names.length));
  /** The first frame met of each function: its file:line in the summary. */
  const firstFrame: Array<Frame | undefined> = new Array(names.length);
  /** Per function, the last sample that counted it towards its cumulative value. */
  const countedIn = new Int32Array(names.length).fill(-1);
  const byStack = new Map<string, { frames: number[]; values: number[] }>();
  const totals = HEAP_SAMPLE_TYPES.map(() => 0);

  profile.sample.forEach((sample, sampleIndex) => {
    if (sample.locationId.length > MAX_STACK_DEPTH)
      throw new ProfileDecodeError(
        'cyclic_stack',
        `a sample has a stack of ${sample.locationId.length} locations, past any real Go stack (${MAX_STACK_DEPTH}); its locations loop`
      );
    const values = typeIndex.map((i) => Number(sample.value[i] ?? 0));
    const leafFirst: number[] = [];
    for (const locationId of sample.locationId) {
      const frames = locations.get(Number(locationId));
      if (frames === undefined)
        throw new ProfileDecodeError(
          'bad_reference',
          `a sample names location ${locationId}, which the profile does not have`
        );
      for (const frame of frames) {
        leafFirst.push(frame.id);
        if (firstFrame[frame.id] === undefined)
          firstFrame[frame.id] = { name: names[frame.id]!, file: frame.file, line: frame.line };
      }
      if (leafFirst.length > MAX_STACK_DEPTH)
        throw new ProfileDecodeError(
          'cyclic_stack',
          `a sample has a stack of more than ${MAX_STACK_DEPTH} frames, past any real Go stack; its locations loop`
        );
    }
    for (let t = 0; t < types; t++) {
      totals[t] += values[t]!;
      if (leafFirst.length > 0) flat[t]![leafFirst[0]!] += values[t]!;
    }
    // Recursion puts a function on a stack more than once; it counts once towards its cumulative.
    for (const id of leafFirst) {
      if (countedIn[id] === sampleIndex) continue;
      countedIn[id] = sampleIndex;
      for (let t = 0; t < types; t++) cum[t]![id] += values[t]!;
    }
    const key = leafFirst.join(',');
    const existing = byStack.get(key);
    if (existing === undefined) byStack.set(key, { frames: leafFirst, values });
    else values.forEach((value, t) => (existing.values[t] += value));
  });

  const top = (values: Float64Array) => {
    const entries: FunctionValue[] = [];
    values.forEach((value, id) => {
      if (value !== 0) entries.push({ function: names[id]!, value });
    });
    return entries
      .sort((a, b) => b.value - a.value || (a.function < b.function ? -1 : 1))
      .slice(0, MAX_TOP_FUNCTIONS);
  };

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
    let functionsCut = 0;
    cum[t]!.forEach((value, id) => {
      if (value !== 0 && !listed.has(names[id]!)) functionsCut++;
    });
    sampleTypes[type] = {
      total: totals[t]!,
      top_flat: topFlat,
      top_cum: topCum,
      functions_cut: functionsCut,
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
      const first = firstFrame[nameIds.get(name)!]!;
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
    return { frames: leafSide.reverse().map((id) => indexOf(names[id]!)), values: stack.values };
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
