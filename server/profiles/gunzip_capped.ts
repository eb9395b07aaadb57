import zlib from 'node:zlib';
import { ProfileDecodeError } from './profile_error';

/** Largest decompressed profile kept; Go heap profiles of big services are a few MB. */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;
/**
 * Largest decompressed/compressed ratio past the first MiB. Real profiles compress 3-10×;
 * a stream of zeros compresses about 1000×, which is what a decompression bomb is made of.
 */
export const MAX_COMPRESSION_RATIO = 50;
const RATIO_FREE_BYTES = 1024 * 1024;

/**
 * Gunzips a profile with its output capped before it is produced: zlib stops at the cap, so a
 * bomb never costs more memory than the cap. Synchronous: it runs in the profile worker.
 */
export function gunzipCapped(body: Uint8Array): Buffer {
  if (body.length < 2 || body[0] !== 0x1f || body[1] !== 0x8b) {
    throw new ProfileDecodeError('not_a_profile', notGzipMessage(body));
  }
  const cap = Math.min(
    MAX_DECOMPRESSED_BYTES,
    Math.max(RATIO_FREE_BYTES, body.length * MAX_COMPRESSION_RATIO)
  );
  try {
    return zlib.gunzipSync(body, { maxOutputLength: cap });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE')
      throw new ProfileDecodeError(
        'decompression_bomb',
        `the ${body.length}-byte gzip stream decompresses to more than ${cap} bytes (caps: ${MAX_DECOMPRESSED_BYTES} bytes and ${MAX_COMPRESSION_RATIO}× the compressed size); this is not a Go heap profile`
      );
    if (code === 'Z_BUF_ERROR')
      throw new ProfileDecodeError(
        'truncated',
        `the gzip stream of the profile ends early (${body.length} bytes received); the connection was cut or the target wrote an incomplete profile`
      );
    throw new ProfileDecodeError(
      'not_a_profile',
      `the body is not a valid gzip stream (${
        code ?? 'zlib error'
      }); the pprof path may serve something else`
    );
  }
}

function notGzipMessage(body: Uint8Array): string {
  const head = Buffer.from(body.subarray(0, 64)).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<'))
    return 'the pprof path answered an HTML page, not a gzip-compressed profile; is it behind a login page or a proxy?';
  return 'the body is not gzip-compressed, so it is not a Go heap profile; check the pprof path';
}
