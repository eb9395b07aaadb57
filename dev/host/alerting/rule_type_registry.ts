import type { RuleType } from '@kbn/alerting-plugin/server';

export type AnyRuleType = RuleType<any, any, any, any, any, string, string, any>;

export const RECOVERED_ACTION_GROUP = { id: 'recovered', name: 'Recovered' };

/** Kibana's rule type registry (x-pack/platform/plugins/shared/alerting/server/rule_type_registry.ts), with its registration checks. */
export class RuleTypeRegistry {
  private readonly types = new Map<string, AnyRuleType>();

  register(ruleType: AnyRuleType, onRegistered: (ruleType: AnyRuleType) => void): void {
    if (this.types.has(ruleType.id))
      throw new Error(`Rule type "${ruleType.id}" is already registered.`);
    if (!/^[a-zA-Z0-9_.\-:]+$/.test(ruleType.id))
      throw new Error(`Rule type id "${ruleType.id}" has invalid characters.`);
    const groups = ruleType.actionGroups.map((group) => group.id);
    if (!groups.includes(ruleType.defaultActionGroupId))
      throw new Error(
        `Rule type [id="${ruleType.id}"] default action group [${ruleType.defaultActionGroupId}] is not one of its action groups.`
      );
    const recovery = recoveryGroupOf(ruleType).id;
    if (groups.includes(recovery))
      throw new Error(
        `Rule type [id="${ruleType.id}"] cannot be registered. Action group [${recovery}] cannot be used as both a recovery and an active action group.`
      );
    if (ruleType.alerts !== undefined && !/^[a-z0-9_.-]+$/.test(ruleType.alerts.context))
      throw new Error(
        `Rule type [id="${ruleType.id}"] alerts context [${ruleType.alerts.context}] must be lower case.`
      );
    this.types.set(ruleType.id, ruleType);
    onRegistered(ruleType);
  }

  get(id: string): AnyRuleType | undefined {
    return this.types.get(id);
  }

  list(): AnyRuleType[] {
    return [...this.types.values()];
  }
}

export function recoveryGroupOf(ruleType: AnyRuleType): { id: string; name: string } {
  return ruleType.recoveryActionGroup ?? RECOVERED_ACTION_GROUP;
}

export function ruleTaskType(ruleTypeId: string): string {
  return `alerting:${ruleTypeId}`;
}
