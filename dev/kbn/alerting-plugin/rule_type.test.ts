/**
 * Type-level guard: the stand-in's RuleType takes Kibana's eight type parameters in Kibana's
 * order, and a reported payload is limited to the rule type's AlertData. The checks are the
 * `@ts-expect-error` lines below, enforced by the project's type check
 * (test/static/typecheck.test.ts): an unused one is itself an error.
 */
import type { RuleExecutorServices, RuleType } from './server';

/* eslint-disable @typescript-eslint/consistent-type-definitions -- only type aliases meet the
   Record<string, unknown> constraints of the rule type's parameters, as in Kibana. */

type Params = { threshold: number };
type ExtractedParams = { thresholdRef: string };
type AlertData = { 'service.name': string; evaluation: { value: number } };
type Context = { reason: string };

// Params, ExtractedParams, State, InstanceState, InstanceContext, ActionGroupIds,
// RecoveryActionGroupId, AlertData.
type EightParameters = RuleType<
  Params,
  ExtractedParams,
  { runs: number },
  Record<string, never>,
  Context,
  'fired',
  'recovered',
  AlertData
>;

const references: NonNullable<EightParameters['useSavedObjectReferences']> = {
  extractReferences: ({ threshold }) => ({
    params: { thresholdRef: String(threshold) },
    references: [],
  }),
  injectReferences: ({ thresholdRef }) => ({ threshold: Number(thresholdRef) }),
};

const wrongSecond: NonNullable<EightParameters['useSavedObjectReferences']> = {
  // @ts-expect-error ExtractedParams is the second parameter: extracted params are not Params.
  extractReferences: ({ threshold }) => ({ params: { threshold }, references: [] }),
  injectReferences: ({ thresholdRef }) => ({ threshold: Number(thresholdRef) }),
};

type Client = NonNullable<
  RuleExecutorServices<Record<string, never>, Context, 'fired', AlertData>['alertsClient']
>;

function report(client: Client) {
  // A deep part of AlertData is a valid payload.
  client.report({ id: 'a', actionGroup: 'fired', payload: { evaluation: { value: 1 } } });
  // @ts-expect-error a payload holds only the rule type's AlertData fields.
  client.report({ id: 'a', actionGroup: 'fired', payload: { 'kibana.alert.unknown': 1 } });
  // @ts-expect-error nor values of another type than AlertData gives them.
  client.setAlertData({ id: 'a', payload: { evaluation: { value: 'high' } } });
}

it('is enforced by the type check (the @ts-expect-error lines above)', () => {
  expect([references, wrongSecond, report].every((entry) => entry !== undefined)).toBe(true);
});
