import type { RuleGroup } from '../queries/rule_queries';

/**
 * Alert ids: the service, its instance and a condition joined by commas, as Kibana joins group
 * values. Service and instance names may hold any printable character, commas too, so each part
 * escapes "%" and "," first: the id then splits back into exactly the names it was made of, and a
 * name without either character keeps the plain id alerts had before.
 */
export interface AlertKey extends RuleGroup {
  /** What a rule with several conditions per instance alerts on (target health). */
  readonly condition?: string;
}

const escapePart = (part: string): string => part.replace(/%/g, '%25').replace(/,/g, '%2C');
const unescapePart = (part: string): string =>
  part.replace(/%(25|2C)/gi, (_, code: string) => (code === '25' ? '%' : ','));

export function alertIdOf(group: RuleGroup, condition?: string): string {
  return [group.service, group.instance, condition]
    .filter((part): part is string => part !== undefined)
    .map(escapePart)
    .join(',');
}

export class MalformedAlertIdError extends Error {
  constructor(id: string) {
    super(`alert id [${id}] is not <service>[,<instance>[,<condition>]]`);
  }
}

/** The names an alert id was made of; throws for an id no rule type of the plugin makes. */
export function parseAlertId(id: string): AlertKey {
  const [service, instance, condition, ...rest] = id.split(',').map(unescapePart);
  if (service === undefined || rest.length > 0) throw new MalformedAlertIdError(id);
  return {
    service,
    ...(instance === undefined ? {} : { instance }),
    ...(condition === undefined ? {} : { condition }),
  };
}
