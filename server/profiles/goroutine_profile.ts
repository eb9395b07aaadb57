import { isProgramCode } from '../../common/program_code';
import { ProfileDecodeError } from './profile_error';

export { isProgramCode };

/** Stack groups kept per goroutine read, the largest first; the rest are counted. */
export const MAX_GOROUTINE_GROUPS = 50;
/** Frames kept per group, leaf side. */
export const MAX_GROUP_FRAMES = 32;

export interface GoroutineFrame {
  readonly function: string;
  readonly file: string;
  readonly line: number;
}

export interface GoroutineGroup {
  readonly count: number;
  /** The leaf frame as the dump gives it (often runtime.gopark for a blocked goroutine). */
  readonly top_frame: string;
  /** The first frame in the program's own code, leaf side: where it is blocked or running. */
  readonly function: string;
  readonly file: string;
  readonly line: number;
  readonly frames: GoroutineFrame[];
}

export interface GoroutineSummary {
  readonly total: number;
  readonly groups_total: number;
  readonly groups: GoroutineGroup[];
  readonly groups_cut: number;
  /** Goroutines in the groups cut. */
  readonly goroutines_cut: number;
}

const HEADER = /^goroutine profile: total (\d+)$/;
const GROUP = /^(\d+) @( 0x[0-9a-f]+)*$/;
const FRAME = /^#\t0x[0-9a-f]+\t(.+?)\+0x[0-9a-f]+\t+(.*):(\d+)$/;

/** Reads `/debug/pprof/goroutine?debug=1`. Throws ProfileDecodeError when the text is not one. */
export function summarizeGoroutines(text: string): GoroutineSummary {
  const lines = text.split('\n');
  const header = HEADER.exec(lines[0]?.trim() ?? '');
  if (header === null) {
    const start = text.trimStart().slice(0, 15).toLowerCase();
    throw new ProfileDecodeError(
      'not_a_profile',
      start.startsWith('<')
        ? 'the goroutine path answered an HTML page, not a goroutine dump; is it behind a login page or a proxy?'
        : 'the body does not start with "goroutine profile: total N"; the pprof path serves something else'
    );
  }
  const groups: GoroutineGroup[] = [];
  let current: { count: number; frames: GoroutineFrame[] } | undefined;
  const close = () => {
    if (current !== undefined) groups.push(toGroup(current.count, current.frames));
    current = undefined;
  };
  for (const line of lines.slice(1)) {
    if (line.trim() === '') {
      close();
      continue;
    }
    const group = GROUP.exec(line);
    if (group !== null) {
      close();
      current = { count: Number(group[1]), frames: [] };
      continue;
    }
    const frame = FRAME.exec(line);
    if (frame !== null && current !== undefined) {
      if (current.frames.length < MAX_GROUP_FRAMES)
        current.frames.push({ function: frame[1]!, file: frame[2]!, line: Number(frame[3]) });
    }
    // Anything else (`# labels: ...`, frames without a file) carries nothing stored.
  }
  close();
  groups.sort((a, b) => b.count - a.count);
  const kept = groups.slice(0, MAX_GOROUTINE_GROUPS);
  const cut = groups.slice(MAX_GOROUTINE_GROUPS);
  return {
    total: Number(header[1]),
    groups_total: groups.length,
    groups: kept,
    groups_cut: cut.length,
    goroutines_cut: cut.reduce((sum, group) => sum + group.count, 0),
  };
}

function toGroup(count: number, frames: GoroutineFrame[]): GoroutineGroup {
  const own = frames.find((frame) => isProgramCode(frame.function)) ?? frames[0];
  return {
    count,
    top_frame: frames[0]?.function ?? '',
    function: own?.function ?? '',
    file: own?.file ?? '',
    line: own?.line ?? 0,
    frames,
  };
}
