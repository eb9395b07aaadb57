import type { Logger } from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';

/** Kibana's RetryForConflictsAttempts and RetryForConflictsDelay (alerting/server/lib/retry_if_conflicts.ts). */
const RETRIES = 2;
const DELAY_MS = 250;

/**
 * Runs a read-modify-write of a rule again when its write lost to another writer (409), as
 * Kibana's rules client does for update, enable and disable: a rule's own task updates the
 * rule (running, execution status) while it runs, so a user's change can meet a newer version.
 */
export async function retryIfConflicts<T>(
  logger: Logger,
  name: string,
  operation: () => Promise<T>,
  retries: number = RETRIES
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!SavedObjectsErrorHelpers.isConflictError(error as Error) || attempt >= retries)
        throw error;
      logger.debug(`${name} conflicted with another update of the rule; retrying`);
      await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
    }
  }
}
