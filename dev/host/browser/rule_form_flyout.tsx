import { Suspense, useEffect, useMemo, useState } from 'react';
import {
  EuiButton,
  EuiButtonEmpty,
  EuiCallOut,
  EuiFieldNumber,
  EuiFieldText,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFlyout,
  EuiFlyoutBody,
  EuiFlyoutFooter,
  EuiFlyoutHeader,
  EuiFormRow,
  EuiHorizontalRule,
  EuiLoadingSpinner,
  EuiSelect,
  EuiSpacer,
  EuiTextArea,
  EuiTitle,
} from '@elastic/eui';
import type { HttpStart, NotificationsStart } from '@kbn/core/public';
import { useKibana } from '@kbn/kibana-react-plugin/public';
import {
  RuleFlyoutCloseReason,
  type Rule,
  type RuleAddProps,
  type RuleEditProps,
  type RuleTypeModel,
  type TypeRegistry,
} from '@kbn/triggers-actions-ui-plugin/public';

interface RuleTypeInfo {
  id: string;
  name: string;
  action_groups: Array<{ id: string; name: string }>;
  default_action_group_id: string;
  default_schedule_interval?: string;
}
interface ConnectorInfo {
  id: string;
  name: string;
  connector_type_id: string;
}

/**
 * The services Kibana's RuleAdd reads with `useKibana().services` (http, notifications,
 * application): from the app's KibanaContextProvider, not from the triggersActionsUi plugin.
 * Outside a provider RuleAdd fails on its first destructuring (x-pack/platform/plugins/shared/
 * triggers_actions_ui/public/application/sections/rule_form/rule_add.tsx); so does this.
 */
function useRuleAddServices(): { http: HttpStart; notifications: NotificationsStart } {
  const { http, notifications, application } = useKibana().services;
  const missing = Object.entries({ http, notifications, application })
    .filter(([, service]) => service === undefined)
    .map(([name]) => name);
  if (http === undefined || notifications === undefined || missing.length > 0)
    throw new TypeError(
      `The rule flyout reads ${missing.join(', ')} through useKibana(): render it inside ` +
        'KibanaContextProvider (@kbn/kibana-react-plugin/public) with core services'
    );
  return { http, notifications };
}

const PARAM_OF_CONNECTOR: Record<string, string> = { '.webhook': 'body', '.server-log': 'message' };

/** The rule an edit starts from: its schedule as a number and a unit, its first action's message. */
function editedForm(rule: Rule) {
  const interval = /^(\d+)([smh])$/.exec(rule.schedule.interval);
  const action = rule.actions[0];
  const message = action === undefined ? undefined : Object.values(action.params)[0];
  return {
    every: interval === null ? 1 : Number(interval[1]),
    unit: interval === null ? 'm' : interval[2]!,
    connectorId: action?.id,
    group: action?.group ?? '',
    message: typeof message === 'string' ? message : undefined,
  };
}

/**
 * The host's stand-in for Kibana's rule form flyout (triggers_actions_ui's RuleAdd and RuleEdit,
 * and @kbn/response-ops-rule-form): rule type, name, the rule type's params expression,
 * schedule, and actions (connector, action group, message). A new rule is saved with
 * POST /api/alerting/rule; an edited one with PUT /api/alerting/rule/{id}, its type fixed.
 */
export function RuleFormFlyout({
  registry,
  props,
}: {
  registry: TypeRegistry<RuleTypeModel>;
  props: { kind: 'add'; add: RuleAddProps } | { kind: 'edit'; edit: RuleEditProps };
}) {
  const { http, notifications } = useRuleAddServices();
  const editing = props.kind === 'edit' ? props.edit.initialRule : undefined;
  const common = props.kind === 'edit' ? props.edit : props.add;
  const start = editing === undefined ? undefined : editedForm(editing);
  const [ruleTypes, setRuleTypes] = useState<RuleTypeInfo[]>([]);
  const [connectors, setConnectors] = useState<ConnectorInfo[]>([]);
  const [ruleTypeId, setRuleTypeId] = useState(
    editing?.ruleTypeId ??
      (props.kind === 'add' ? props.add.ruleTypeId : undefined) ??
      registry.list()[0]?.id ??
      ''
  );
  const [name, setName] = useState(
    editing?.name ?? (props.kind === 'add' ? props.add.initialValues?.name : undefined) ?? ''
  );
  const [params, setParams] = useState<Record<string, unknown>>({
    ...(editing?.params ?? (props.kind === 'add' ? props.add.initialValues?.params : {}) ?? {}),
  });
  const [every, setEvery] = useState(start?.every ?? 1);
  const [unit, setUnit] = useState(start?.unit ?? 'm');
  const [connectorId, setConnectorId] = useState(start?.connectorId ?? '');
  const [group, setGroup] = useState(start?.group ?? '');
  const [message, setMessage] = useState<string | undefined>(start?.message);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>();
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    void http.get<RuleTypeInfo[]>('/api/alerting/rule_types').then(setRuleTypes);
    void http.get<ConnectorInfo[]>('/api/actions/connectors').then((list) => {
      setConnectors(list);
      if (list[0] !== undefined) setConnectorId((chosen) => chosen || list[0]!.id);
    });
  }, [http]);

  const model = registry.has(ruleTypeId) ? registry.get(ruleTypeId) : undefined;
  const ruleType = ruleTypes.find((type) => type.id === ruleTypeId);
  const connector = connectors.find((candidate) => candidate.id === connectorId);
  const chosenGroup = group || ruleType?.default_action_group_id || '';
  const defaultMessage =
    connector?.connector_type_id === '.webhook'
      ? JSON.stringify({ text: model?.defaultActionMessage ?? '{{context.reason}}' })
      : model?.defaultActionMessage ?? '';
  const actionMessage = message ?? defaultMessage;
  const errors = useMemo(() => model?.validate(params as never).errors ?? {}, [model, params]);
  const invalid = Object.keys(errors).length > 0 || name.trim() === '';
  const Expression = model?.ruleParamsExpression;

  const save = async () => {
    setTouched(true);
    if (invalid) return;
    setSaving(true);
    setServerError(undefined);
    try {
      const paramKey =
        connector === undefined ? undefined : PARAM_OF_CONNECTOR[connector.connector_type_id];
      const fields = {
        name,
        schedule: { interval: `${every}${unit}` },
        params,
        actions:
          connector === undefined || paramKey === undefined
            ? []
            : [
                {
                  group: chosenGroup,
                  id: connector.id,
                  params: { [paramKey]: actionMessage },
                  frequency: {
                    summary: false,
                    notify_when: 'onActionGroupChange',
                    throttle: null,
                  },
                },
              ],
      };
      // Kibana's RuleAdd and RuleEdit toast the saved rule by its name before they close and
      // call onSave (triggers_actions_ui/public/application/sections/rule_form/rule_add.tsx and
      // rule_edit.tsx at 25d6d3ae082575be4497ed0858c815e9a8b9fb0f): a plugin adds none of its own.
      if (editing === undefined && props.kind === 'add') {
        const created = await http.post<{ name: string }>('/api/alerting/rule', {
          body: JSON.stringify({
            ...fields,
            rule_type_id: ruleTypeId,
            consumer: props.add.consumer,
          }),
        });
        notifications.toasts.addSuccess(`Created rule "${created.name}"`);
      } else if (editing !== undefined) {
        const updated = await http.put<{ name: string }>(
          `/api/alerting/rule/${encodeURIComponent(editing.id)}`,
          { body: JSON.stringify({ ...fields, tags: editing.tags }) }
        );
        notifications.toasts.addSuccess(`Updated '${updated.name}'`);
      }
      await common.onSave?.();
      common.onClose(RuleFlyoutCloseReason.SAVED);
    } catch (error) {
      const body = (error as { body?: { message?: string } }).body;
      setServerError(body?.message ?? (error as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <EuiFlyout
      onClose={() => common.onClose(RuleFlyoutCloseReason.CANCELED)}
      size="m"
      aria-labelledby="ruleFormTitle"
      data-test-subj="ruleFormFlyout"
    >
      <EuiFlyoutHeader hasBorder>
        <EuiTitle size="s">
          <h3 id="ruleFormTitle">{editing === undefined ? 'Create rule' : 'Edit rule'}</h3>
        </EuiTitle>
      </EuiFlyoutHeader>
      <EuiFlyoutBody>
        {serverError !== undefined && (
          <>
            <EuiCallOut
              color="danger"
              iconType="error"
              title="The rule was not saved"
              data-test-subj="ruleFormServerError"
            >
              {serverError}
            </EuiCallOut>
            <EuiSpacer />
          </>
        )}
        <EuiFormRow
          label="Name"
          isInvalid={touched && name.trim() === ''}
          error={['Name is required.']}
          fullWidth
        >
          <EuiFieldText
            fullWidth
            value={name}
            onChange={(event) => setName(event.target.value)}
            data-test-subj="ruleNameInput"
          />
        </EuiFormRow>
        {props.kind === 'add' && props.add.canChangeTrigger !== false && (
          <EuiFormRow label="Rule type" fullWidth>
            <EuiSelect
              fullWidth
              options={registry.list().map((candidate) => ({
                value: candidate.id,
                text: ruleTypes.find((type) => type.id === candidate.id)?.name ?? candidate.id,
              }))}
              value={ruleTypeId}
              onChange={(event) => {
                setRuleTypeId(event.target.value);
                setParams({});
                setGroup('');
              }}
              data-test-subj="ruleTypeSelect"
            />
          </EuiFormRow>
        )}
        <EuiHorizontalRule />
        <EuiTitle size="xs">
          <h4>Define your rule</h4>
        </EuiTitle>
        <EuiSpacer size="s" />
        {Expression !== undefined && (
          <Suspense fallback={<EuiLoadingSpinner />}>
            <Expression
              ruleParams={params}
              ruleInterval={`${every}${unit}`}
              setRuleParams={(key, value) => setParams((current) => ({ ...current, [key]: value }))}
              errors={touched ? errors : {}}
              defaultActionGroupId={ruleType?.default_action_group_id ?? ''}
              actionGroups={ruleType?.action_groups ?? []}
            />
          </Suspense>
        )}
        <EuiFormRow label="Check every" fullWidth>
          <EuiFlexGroup gutterSize="s">
            <EuiFlexItem>
              <EuiFieldNumber
                min={1}
                value={every}
                onChange={(event) => setEvery(Math.max(1, Number(event.target.value)))}
                data-test-subj="ruleIntervalInput"
              />
            </EuiFlexItem>
            <EuiFlexItem>
              <EuiSelect
                options={[
                  { value: 's', text: 'seconds' },
                  { value: 'm', text: 'minutes' },
                  { value: 'h', text: 'hours' },
                ]}
                value={unit}
                onChange={(event) => setUnit(event.target.value)}
                data-test-subj="ruleIntervalUnitSelect"
              />
            </EuiFlexItem>
          </EuiFlexGroup>
        </EuiFormRow>
        <EuiHorizontalRule />
        <EuiTitle size="xs">
          <h4>Actions</h4>
        </EuiTitle>
        <EuiSpacer size="s" />
        {connectors.length === 0 ? (
          <EuiCallOut size="s" title="No connectors yet: the rule will have no actions." />
        ) : (
          <>
            <EuiFormRow label="Connector" fullWidth>
              <EuiSelect
                fullWidth
                options={connectors.map((c) => ({
                  value: c.id,
                  text: `${c.name} (${c.connector_type_id})`,
                }))}
                value={connectorId}
                onChange={(event) => setConnectorId(event.target.value)}
                data-test-subj="ruleConnectorSelect"
              />
            </EuiFormRow>
            <EuiFormRow label="Run when" fullWidth>
              <EuiSelect
                fullWidth
                options={(ruleType?.action_groups ?? []).map((g) => ({
                  value: g.id,
                  text: g.name,
                }))}
                value={chosenGroup}
                onChange={(event) => setGroup(event.target.value)}
                data-test-subj="ruleActionGroupSelect"
              />
            </EuiFormRow>
            <EuiFormRow
              label={connector?.connector_type_id === '.webhook' ? 'Body' : 'Message'}
              helpText="Mustache: {{context.reason}}, {{context.service}}, {{rule.name}}, {{date}}"
              fullWidth
            >
              <EuiTextArea
                fullWidth
                value={actionMessage}
                onChange={(event) => setMessage(event.target.value)}
                data-test-subj="ruleActionMessage"
              />
            </EuiFormRow>
          </>
        )}
      </EuiFlyoutBody>
      <EuiFlyoutFooter>
        <EuiFlexGroup justifyContent="spaceBetween">
          <EuiFlexItem grow={false}>
            <EuiButtonEmpty onClick={() => common.onClose(RuleFlyoutCloseReason.CANCELED)}>
              Cancel
            </EuiButtonEmpty>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiButton
              fill
              onClick={() => void save()}
              isLoading={saving}
              data-test-subj="ruleFormSave"
            >
              Save
            </EuiButton>
          </EuiFlexItem>
        </EuiFlexGroup>
      </EuiFlyoutFooter>
    </EuiFlyout>
  );
}
