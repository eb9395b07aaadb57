import type {
  Alert as PublicAlert,
  AlertInstanceContext,
  AlertInstanceState,
} from '@kbn/alerting-plugin/server';

/** What the framework keeps per active alert between runs (in the rule task's state). */
export interface TrackedAlert {
  uuid: string;
  start: string;
  actionGroup: string;
  state: AlertInstanceState;
  activeCount: number;
  /** Per action uuid, when it last ran for this alert; and the group it ran for. */
  lastScheduledActions?: { group: string; date: string; actions: Record<string, { date: string }> };
  /** Absent in states written before flapping was kept: an empty history, not flapping. */
  flappingHistory?: boolean[];
  flapping?: boolean;
  /** Runs this flapping alert has not been reported but is kept active (Kibana's pendingRecoveredCount). */
  pendingRecoveredCount?: number;
}

/** A recovered alert kept in the task state while its flapping history holds a change (Kibana's alertRecoveredInstances). */
export interface TrackedRecoveredAlert {
  flappingHistory: boolean[];
  flapping: boolean;
}

/** An alert's flapping after this run. */
export interface FlappingStatus {
  flappingHistory: boolean[];
  flapping: boolean;
  pendingRecoveredCount: number;
}

/** Kibana's Alert (x-pack/platform/plugins/shared/alerting/server/alert/alert.ts), as a rule executor sees it. */
export class FrameworkAlert implements PublicAlert {
  private context: AlertInstanceContext = {};

  constructor(
    private readonly id: string,
    private readonly uuid: string,
    private readonly start: string | null,
    private readonly state: AlertInstanceState
  ) {}

  getId(): string {
    return this.id;
  }
  getUuid(): string {
    return this.uuid;
  }
  getStart(): string | null {
    return this.start;
  }
  getState(): AlertInstanceState {
    return this.state;
  }
  getContext(): AlertInstanceContext {
    return this.context;
  }
  setContext(context: AlertInstanceContext): FrameworkAlert {
    this.context = context;
    return this;
  }
}
