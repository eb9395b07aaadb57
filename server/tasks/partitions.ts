import { POLL_TASK_TYPE } from '../../common/constants';
import { stableHash } from './scrape_plan';

/** Which of `partitions` poll tasks scrapes a target: the same answer on every node. */
export function partitionOf(targetId: string, partitions: number): number {
  // A different seed from the slot offset's, so the partition does not predict the offset.
  return stableHash(`partition:${targetId}`) % partitions;
}

export function pollTaskId(partition: number): string {
  return `${POLL_TASK_TYPE}:${partition}`;
}
