import type {
  RuleTypeModel,
  TriggersAndActionsUIPublicPluginSetup,
  TriggersAndActionsUIPublicPluginStart,
  TypeRegistry,
} from '@kbn/triggers-actions-ui-plugin/public';
import { RuleFormFlyout } from './rule_form_flyout';

/** Kibana's TypeRegistry: register once per id, get throws for an unknown one. */
function createTypeRegistry<T extends { id: string }>(kind: string): TypeRegistry<T> {
  const items = new Map<string, T>();
  return {
    has: (id) => items.has(id),
    register: (item) => {
      if (items.has(item.id)) throw new Error(`Object type "${item.id}" is already registered.`);
      items.set(item.id, item);
    },
    get: (id) => {
      const item = items.get(id);
      if (item === undefined) throw new Error(`${kind} type "${id}" is not registered.`);
      return item;
    },
    list: () => [...items.values()],
  };
}

/** The shell's triggersActionsUi plugin: the rule type registry and the add- and edit-rule flyouts. */
export function createTriggersActionsUi(): {
  setup: TriggersAndActionsUIPublicPluginSetup;
  start: TriggersAndActionsUIPublicPluginStart;
} {
  const ruleTypeRegistry = createTypeRegistry<RuleTypeModel>('Rule');
  return {
    setup: { ruleTypeRegistry },
    start: {
      ruleTypeRegistry,
      // Like Kibana's, the flyout takes core's services from the caller's KibanaContextProvider.
      getAddRuleFlyout: (add) => (
        <RuleFormFlyout registry={ruleTypeRegistry} props={{ kind: 'add', add }} />
      ),
      getEditRuleFlyout: (edit) => (
        <RuleFormFlyout registry={ruleTypeRegistry} props={{ kind: 'edit', edit }} />
      ),
    },
  };
}
