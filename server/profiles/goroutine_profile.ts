import { isProgramCode } from '../../common/program_code';
import { ProfileDecodeError } from './profile_error';

export { isProgramCode };

/** Stack groups kept per goroutine read, the largest first; the rest are counted. */
export const MAX_GOROUTINE_GROUPS = 50;
/** Frames kept per group, leaf side; the rest are counted per group (`frames_cut`). */
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
  /** Frames past MAX_GROUP_FRAMES, root side, not kept. */
  readonly frames_cut: number;
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
  let current: OpenGroup | undefined;
  const close = () => {
    if (current !== undefined) groups.push(toGroup(current));
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
      current = { count: Number(group[1]), frames: [], framesCut: 0 };
      continue;
    }
    const frame = FRAME.exec(line);
    if (frame !== null && current !== undefined) {
      const read = { function: frame[1]!, file: frame[2]!, line: Number(frame[3]) };
      // The program's own frame is named even when it lies past the kept frames.
      if (current.own === undefined && isProgramCode(read.function)) current.own = read;
      if (current.frames.length < MAX_GROUP_FRAMES) current.frames.push(read);
      else current.framesCut++;
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

interface OpenGroup {
  readonly count: number;
  readonly frames: GoroutineFrame[];
  framesCut: number;
  own?: GoroutineFrame;
}

function toGroup({ count, frames, framesCut, own }: OpenGroup): GoroutineGroup {
  const named = own ?? frames[0];
  return {
    count,
    top_frame: frames[0]?.function ?? '',
    function: named?.function ?? '',
    file: named?.file ?? '',
    line: named?.line ?? 0,
    frames,
    frames_cut: framesCut,
  };
}
