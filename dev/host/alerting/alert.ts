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
