/**
 * The slot grid of a target, which a poll run scrapes on. Slots are aligned to the target's interval plus a
 * per-target offset, so two nodes (or a retried run) agree on the slot, the slot names the
 * document `_id`, and targets with equal intervals do not all fire in the same millisecond.
 */
export interface PlannableTarget {
  readonly id: string;
  readonly intervalMs: number;
}

/** FNV-1a: stable across processes and versions, unlike Math.random or object order. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function slotOffset(targetId: string, intervalMs: number): number {
  return stableHash(targetId) % intervalMs;
}

export function currentSlot(target: PlannableTarget, now: number): number {
  return slotAt(slotOffset(target.id, target.intervalMs), target.intervalMs, now);
}

/** The slot open at `now` on a grid of `intervalMs` shifted by `offset`. */
export function slotAt(offset: number, intervalMs: number, now: number): number {
  return Math.floor((now - offset) / intervalMs) * intervalMs + offset;
}

/**
 * Slots strictly between the last one scraped and `slot` that no scrape covered. Zero when
 * there is no earlier slot, or when the grid moved (the interval was edited, or another node's
 * clock runs ahead).
 */
export function missedSlotsBetween(
  lastSlot: number | undefined,
  slot: number,
  intervalMs: number
): number {
  if (lastSlot === undefined || slot <= lastSlot) return 0;
  return Math.max(0, Math.round((slot - lastSlot) / intervalMs) - 1);
}
