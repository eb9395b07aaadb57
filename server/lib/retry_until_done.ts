/**
 * Memoizes a one-time async job until it succeeds: callers share the attempt in flight, a
 * success is remembered, a failure is forgotten so the next caller tries again.
 */
export function retryUntilDone(job: () => Promise<void>): () => Promise<void> {
  let attempt: Promise<void> | undefined;
  return () => {
    attempt ??= job().catch((error: unknown) => {
      attempt = undefined;
      throw error;
    });
    return attempt;
  };
}
