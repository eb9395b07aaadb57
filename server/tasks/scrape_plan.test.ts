import { currentSlot, missedSlotsBetween, slotOffset } from './scrape_plan';

const a = { id: 'target-a', intervalMs: 10_000 };

describe('the slot grid', () => {
  it('gives one slot per interval, whatever the number of ticks in that slot', () => {
    const now = 1_700_000_000_000;
    const slot = currentSlot(a, now);
    expect(slot).toBeLessThanOrEqual(now);
    expect(now - slot).toBeLessThan(a.intervalMs);
    for (let t = slot; t < slot + a.intervalMs; t += 1_000) expect(currentSlot(a, t)).toBe(slot);
    expect(currentSlot(a, slot + a.intervalMs)).toBe(slot + a.intervalMs);
  });

  it('counts the slots no scrape covered, and none when the grid moved', () => {
    expect(missedSlotsBetween(undefined, 50_000, 10_000)).toBe(0);
    expect(missedSlotsBetween(10_000, 20_000, 10_000)).toBe(0);
    expect(missedSlotsBetween(10_000, 50_000, 10_000)).toBe(3);
    expect(missedSlotsBetween(50_000, 20_000, 10_000)).toBe(0);
  });

  it('keeps slots stable across processes and spreads targets over the interval', () => {
    expect(slotOffset('target-a', 10_000)).toBe(slotOffset('target-a', 10_000));
    const offsets = new Set(Array.from({ length: 50 }, (_, i) => slotOffset(`t-${i}`, 10_000)));
    expect(offsets.size).toBeGreaterThan(40);
  });
});
