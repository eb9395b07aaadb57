/**
 * The page the flame graph bench loads in Chromium: Elastic Charts' Flame fed by the panel's
 * own column builder, one draw per call, timed from the stored stacks to the chart's
 * "rendered" callback.
 */
import { createRoot } from 'react-dom/client';
import { Chart, Flame, Settings } from '@elastic/charts';
import { flameColumns, type FlameInput } from '../../../public/application/charts/flame_columns';

declare global {
  interface Window {
    drawFlame: (
      input: FlameInput,
      key: string
    ) => Promise<{ ms: number; queuedMs: number; nodes: number }>;
  }
}

const container = document.getElementById('root')!;
const root = createRoot(container);

window.drawFlame = (input, key) =>
  new Promise((resolve) => {
    const started = performance.now();
    let nodes = 0;
    let settled = false;
    // The chart reports "rendered" when it has queued its WebGL frame; the frame is painted in
    // the next animation frame, so the clock stops one frame after that.
    const done = (rendered: boolean) => {
      if (!rendered || settled) return;
      settled = true;
      const queuedMs = performance.now() - started;
      requestAnimationFrame(() =>
        requestAnimationFrame(() => resolve({ ms: performance.now() - started, queuedMs, nodes }))
      );
    };
    const Graph = () => {
      const flame = flameColumns(input, 3, 'all');
      nodes = flame.nodes;
      return (
        <Chart size={{ width: 1400, height: 420 }}>
          <Settings onRenderChange={done} />
          <Flame
            id={key}
            columnarData={flame.columns}
            valueAccessor={(d: { value: number }) => d.value}
            valueFormatter={(value: number) => String(value)}
            valueGetter={(index: number) => flame.columns.value[index] ?? 0}
            animation={{ duration: 0 }}
            controlProviderCallback={{}}
          />
        </Chart>
      );
    };
    // A fresh chart per draw: what a reader waits for when the panel first shows a profile.
    root.render(<Graph key={key} />);
  });
