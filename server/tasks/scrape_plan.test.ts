import { currentSlot, planScrapes, slotOffset } from './scrape_plan';

const a = { id: 'target-a', intervalMs: 10_000 };
const b = { id: 'target-b', intervalMs: 60_000 };

describe('planScrapes', () => {
  it('scrapes a target once per slot, whatever the number of runs in that slot', () => {
    const now = 1_700_000_000_000;
    const first = planScrapes([a], {}, now);
    expect(first.due.map((d) => d.target.id)).toEqual(['target-a']);
    const slot = first.due[0]!.slot;
    // Later runs inside the same slot find nothing due.
    for (let t = now; t < slot + a.intervalMs; t += 1_000) {
      expect(planScrapes([a], { [a.id]: slot }, t).due).toEqual([]);
    }
    // The next slot is due again.
    expect(planScrapes([a], { [a.id]: slot }, slot + a.intervalMs).due).toHaveLength(1);
  });

  it('wakes the poller at the earliest next slot of any target', () => {
    const now = 1_700_000_000_000;
    const plan = planScrapes([a, b], {}, now);
    expect(plan.nextSlotAt).toBe(Math.min(currentSlot(a, now) + a.intervalMs, currentSlot(b, now) + b.intervalMs));
    expect(plan.nextSlotAt! > now).toBe(true);
  });

  it('keeps slots stable across processes and spreads targets over the interval', () => {
    expect(slotOffset('target-a', 10_000)).toBe(slotOffset('target-a', 10_000));
    const offsets = new Set(Array.from({ length: 50 }, (_, i) => slotOffset(`t-${i}`, 10_000)));
    expect(offsets.size).toBeGreaterThan(40);
  });

  it('has nothing to do without targets', () => {
    expect(planScrapes([], {}, Date.now())).toEqual({ due: [], nextSlotAt: undefined });
  });
});
