import { allocationRatePanel } from './allocation_rate';
import { customVarsPanel } from './custom_vars';
import { gcCyclesPanel } from './gc_cycles';
import { gcPausesPanel } from './gc_pauses';
import { goroutinesPanel } from './goroutines';
import { heapPanel } from './heap';
import { mcacheMspanPanel } from './mcache_mspan';
import type { PanelDefinition } from './panel_definition';
import { sizeClassesPanel } from './size_classes';
import { stackOtherPanel } from './stack_other';

/** The dashboard's panels, in the order a Go operator reads them. */
export const PANELS: readonly PanelDefinition[] = [
  heapPanel,
  gcPausesPanel,
  gcCyclesPanel,
  allocationRatePanel,
  mcacheMspanPanel,
  stackOtherPanel,
  sizeClassesPanel,
  customVarsPanel,
  goroutinesPanel,
];
