import { SOURCE_IDS, type SourceId } from '../../../common/sources';
import type { RuleGroup } from '../queries/rule_queries';

/**
 * Alert ids: the service, its instance and a condition joined by commas, as Kibana joins group
 * values. Service and instance names may hold any printable character, commas too, so each part
 * escapes "%" and "," first: the id then splits back into exactly the names it was made of, and a
 * name without either character keeps the plain id alerts had before.
 *
 * A group another product reported (RuleGroup.source) leads with "%<source id>": escaping turns
 * every "%" of a name into "%25", so no escaped name can be that part, and the plugin's own
 * groups keep the ids their alerts always had.
 */
export interface AlertKey extends RuleGroup {
  /** What a rule with several conditions per instance alerts on (target health). */
  readonly condition?: string;
}

const escapePart = (part: string): string => part.replace(/%/g, '%25').replace(/,/g, '%2C');
const unescapePart = (part: string): string =>
  part.replace(/%(25|2C)/gi, (_, code: string) => (code === '25' ? '%' : ','));

const SOURCE_MARK = '%';
type ExternalSourceId = Exclude<SourceId, 'go_runtime'>;
const isExternalSource = (id: string): id is ExternalSourceId =>
  id !== 'go_runtime' && (SOURCE_IDS as readonly string[]).includes(id);

export function alertIdOf(group: RuleGroup, condition?: string): string {
  const parts = [group.service, group.instance, condition]
    .filter((part): part is string => part !== undefined)
    .map(escapePart);
  return (group.source === undefined ? parts : [`${SOURCE_MARK}${group.source}`, ...parts]).join(
    ','
  );
}

export class MalformedAlertIdError extends Error {
  constructor(id: string) {
    super(`alert id [${id}] is not [%<source>,]<service>[,<instance>[,<condition>]]`);
  }
}

/** The names an alert id was made of; throws for an id no rule type of the plugin makes. */
export function parseAlertId(id: string): AlertKey {
  const raw = id.split(',');
  let source: ExternalSourceId | undefined;
  if (raw[0]?.startsWith(SOURCE_MARK) === true && !/^%(25|2C)/i.test(raw[0])) {
    const named = raw[0].slice(SOURCE_MARK.length);
    if (!isExternalSource(named)) throw new MalformedAlertIdError(id);
    source = named;
    raw.shift();
  }
  const [service, instance, condition, ...rest] = raw.map(unescapePart);
  if (service === undefined || rest.length > 0) throw new MalformedAlertIdError(id);
  return {
    service,
    ...(instance === undefined ? {} : { instance }),
    ...(condition === undefined ? {} : { condition }),
    ...(source === undefined ? {} : { source }),
  };
}
