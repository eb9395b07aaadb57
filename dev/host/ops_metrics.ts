import {
  monitorEventLoopDelay,
  performance,
  type IntervalHistogram as NodeHistogram,
} from 'node:perf_hooks';
import v8 from 'node:v8';

/**
 * The `metrics` section of `GET /api/status`, shaped as Kibana's: the process part of
 * `OpsMetrics` (src/core/packages/metrics/server/src/metrics.ts: `OpsProcessMetrics`,
 * `IntervalHistogram`) under `metrics.process` and `metrics.processes`, with `last_updated`
 * and `collection_interval_in_millis` as Kibana's status route adds them
 * (src/core/packages/status/server-internal/src/routes/status.ts). As in Kibana, the event
 * loop delay histogram covers one collection interval (`ops.interval`, 5 s by default) and
 * is reset after each collection; delays are in milliseconds and `event_loop_delay` is the
 * interval's mean. Only the process metrics are filled; os, requests and response times are
 * not collected by the dev host.
 */
export interface OpsProcessMetrics {
  pid: number;
  memory: {
    heap: { total_in_bytes: number; used_in_bytes: number; size_limit: number };
    resident_set_size_in_bytes: number;
    external_in_bytes: number;
    array_buffers_in_bytes: number;
  };
  event_loop_delay: number;
  event_loop_delay_histogram: {
    fromTimestamp: string;
    lastUpdatedAt: string;
    min: number;
    max: number;
    mean: number;
    exceeds: number;
    stddev: number;
    percentiles: { 50: number; 75: number; 90: number; 95: number; 99: number };
  };
  event_loop_utilization: { idle: number; active: number; utilization: number };
  uptime_in_millis: number;
}

export interface StatusMetrics {
  last_updated: string;
  collection_interval_in_millis: number;
  process: OpsProcessMetrics;
  processes: OpsProcessMetrics[];
}

export class OpsMetricsCollector {
  private readonly histogram: NodeHistogram & { reset(): void; disable(): void };
  private readonly timer: NodeJS.Timeout;
  private from = new Date();
  private elu = performance.eventLoopUtilization();
  private last: StatusMetrics;

  constructor(public readonly intervalMs = 5_000) {
    this.histogram = monitorEventLoopDelay({ resolution: 10 }) as typeof this.histogram;
    this.histogram.enable();
    this.last = this.collect();
    this.timer = setInterval(() => (this.last = this.collect()), intervalMs);
    this.timer.unref();
  }

  /** The last completed collection, as Kibana's status route serves it. */
  latest(): StatusMetrics {
    return this.last;
  }

  stop(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }

  private collect(): StatusMetrics {
    const now = new Date();
    const h = this.histogram;
    const ms = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : 0);
    const empty = h.count === 0;
    const memory = process.memoryUsage();
    const elu = performance.eventLoopUtilization(this.elu);
    const metrics: OpsProcessMetrics = {
      pid: process.pid,
      memory: {
        heap: {
          total_in_bytes: memory.heapTotal,
          used_in_bytes: memory.heapUsed,
          size_limit: v8.getHeapStatistics().heap_size_limit,
        },
        resident_set_size_in_bytes: memory.rss,
        external_in_bytes: memory.external,
        array_buffers_in_bytes: memory.arrayBuffers,
      },
      event_loop_delay: empty ? 0 : ms(h.mean),
      event_loop_delay_histogram: {
        fromTimestamp: this.from.toISOString(),
        lastUpdatedAt: now.toISOString(),
        min: empty ? 0 : ms(h.min),
        max: empty ? 0 : ms(h.max),
        mean: empty ? 0 : ms(h.mean),
        exceeds: h.exceeds,
        stddev: empty ? 0 : ms(h.stddev),
        percentiles: {
          50: empty ? 0 : ms(h.percentile(50)),
          75: empty ? 0 : ms(h.percentile(75)),
          90: empty ? 0 : ms(h.percentile(90)),
          95: empty ? 0 : ms(h.percentile(95)),
          99: empty ? 0 : ms(h.percentile(99)),
        },
      },
      event_loop_utilization: elu,
      uptime_in_millis: process.uptime() * 1000,
    };
    h.reset();
    this.from = now;
    this.elu = performance.eventLoopUtilization();
    return {
      last_updated: now.toISOString(),
      collection_interval_in_millis: this.intervalMs,
      process: metrics,
      processes: [metrics],
    };
  }
}
