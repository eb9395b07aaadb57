import { alertIdOf, parseAlertId, type AlertKey } from './alert_id';
import { alertPayload, type GoAlertContext, type GoAlertData } from './alert_context';

/**
 * The part of Kibana's alerts client the rule types use, written structurally so that it fits
 * whatever state and alert-data type parameters a rule type declares.
 */
export interface GoAlertsClient<ActionGroupId extends string> {
  report(alert: {
    id: string;
    actionGroup: ActionGroupId;
    context: GoAlertContext;
    payload: GoAlertData;
  }): unknown;
  setAlertData(alert: { id: string; context: GoAlertContext; payload: GoAlertData }): void;
  getRecoveredAlerts(): ReadonlyArray<{ alert: { getId(): string } }>;
}

/** Reports one alert of a group (and condition): its id, context and alert document fields agree. */
export function reportAlert<ActionGroupId extends string>(
  alertsClient: GoAlertsClient<ActionGroupId>,
  alert: { key: AlertKey; actionGroup: ActionGroupId; context: GoAlertContext }
): void {
  const { key, actionGroup, context } = alert;
  alertsClient.report({
    id: alertIdOf(key, key.condition),
    actionGroup,
    context,
    payload: alertPayload(context, key, key.condition),
  });
}

/**
 * Gives every alert that recovered in this run its recovery context, and the same values to its
 * alert document, so that the recovered document tells why it recovered and not why it fired.
 * `recoveryOf` gets the names the alert id was made of.
 */
export function recoverAlerts<ActionGroupId extends string>(
  alertsClient: GoAlertsClient<ActionGroupId>,
  recoveryOf: (key: AlertKey) => GoAlertContext
): void {
  for (const { alert } of alertsClient.getRecoveredAlerts()) {
    const id = alert.getId();
    const key = parseAlertId(id);
    const context = recoveryOf(key);
    alertsClient.setAlertData({ id, context, payload: alertPayload(context, key, key.condition) });
  }
}
