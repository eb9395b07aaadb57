/**
 * What Kibana's features plugin checks when a plugin registers a Kibana feature: the schema
 * (unknown keys refused, required keys required) and the cross-checks the schema cannot make.
 * Mirrors `validateKibanaFeature` in
 * x-pack/platform/plugins/shared/features/server/feature_schema.ts (elastic/kibana
 * 2549770c4f9162dec00f1a23fe758c6764417ec3), which has no `scope` key since Kibana removed
 * KibanaFeatureScope (elastic/kibana#234146). Cases and management cross-checks are left out:
 * no feature here declares them, and their schema keys are still validated.
 */
import { schema, type Type } from '@kbn/config-schema';
import type { KibanaFeatureConfig } from '@kbn/features-plugin/common';
import type { FeatureKibanaPrivileges } from '@kbn/features-plugin/server';

const PART = /^[a-zA-Z0-9_-]+$/;
const RESERVED_PART = /^(?!reserved_)[a-zA-Z0-9_-]+$/;
const UI_CAPABILITY = /^[a-zA-Z0-9:_-]+$/;
// Keys of the capabilities object that a feature id would overwrite.
const PROHIBITED_IDS = new Set(['catalogue', 'management', 'navLinks']);

const matching = (regex: RegExp) =>
  schema.string({
    validate: (value) => (regex.test(value) ? undefined : `Does not satisfy regexp ${regex}`),
  });
const strings = () => schema.arrayOf(schema.string());
const capabilities = schema.arrayOf(matching(UI_CAPABILITY));
const management = schema.recordOf(matching(PART), capabilities);
const license = (names: string[]) => schema.oneOf(names.map((name) => schema.literal(name)));
const alerting = schema.arrayOf(
  schema.object({
    ruleTypeId: schema.string(),
    consumers: schema.arrayOf(schema.string(), { minSize: 1 }),
  })
);
const alertingPrivilege = schema.maybe(
  schema.object({
    rule: schema.maybe(
      schema.object({
        all: schema.maybe(alerting),
        enable: schema.maybe(alerting),
        manual_run: schema.maybe(alerting),
        manage_rule_settings: schema.maybe(alerting),
        read: schema.maybe(alerting),
        write: schema.maybe(alerting),
      })
    ),
    alert: schema.maybe(
      schema.object({ all: schema.maybe(alerting), read: schema.maybe(alerting) })
    ),
  })
);
const casesPrivilege = schema.maybe(
  schema.object(
    Object.fromEntries(
      [
        'all',
        'create',
        'read',
        'update',
        'delete',
        'push',
        'settings',
        'createComment',
        'reopenCase',
        'assign',
      ].map((key) => [key, schema.maybe(strings())])
    )
  )
);
const replacement = schema.object({ feature: schema.string(), privileges: strings() });
const savedObject = schema.object({ all: strings(), read: strings() });

const kibanaPrivilege = schema.object({
  excludeFromBasePrivileges: schema.maybe(schema.boolean()),
  requireAllSpaces: schema.maybe(schema.boolean()),
  disabled: schema.maybe(schema.boolean()),
  management: schema.maybe(management),
  catalogue: schema.maybe(capabilities),
  api: schema.maybe(strings()),
  app: schema.maybe(strings()),
  alerting: alertingPrivilege,
  cases: casesPrivilege,
  savedObject,
  ui: capabilities,
  replacedBy: schema.maybe(
    schema.oneOf([
      schema.arrayOf(replacement),
      schema.object({ minimal: schema.arrayOf(replacement), default: schema.arrayOf(replacement) }),
    ])
  ),
});

const subFeaturePrivilege = schema.object({
  id: matching(PART),
  name: schema.string(),
  includeIn: license(['all', 'read', 'none']),
  minimumLicense: schema.maybe(license(['platinum', 'enterprise', 'gold', 'trial'])),
  management: schema.maybe(management),
  catalogue: schema.maybe(capabilities),
  alerting: alertingPrivilege,
  cases: casesPrivilege,
  api: schema.maybe(strings()),
  app: schema.maybe(strings()),
  savedObject,
  ui: capabilities,
  replacedBy: schema.maybe(schema.arrayOf(replacement)),
});
const privilegeGroup = (groupType: string, privilege: Type<unknown>) =>
  schema.object({
    groupType: schema.literal(groupType),
    privileges: schema.maybe(schema.arrayOf(privilege, { minSize: 1 })),
  });
const subFeature = schema.object({
  name: schema.string(),
  requireAllSpaces: schema.maybe(schema.boolean()),
  privilegesTooltip: schema.maybe(schema.string()),
  description: schema.maybe(schema.string()),
  privilegeGroups: schema.maybe(
    schema.arrayOf(
      schema.oneOf([
        privilegeGroup(
          'mutually_exclusive',
          subFeaturePrivilege.extends({ minimumLicense: schema.never() })
        ),
        privilegeGroup('independent', subFeaturePrivilege),
      ])
    )
  ),
});

const kibanaFeature = schema.object({
  id: schema.string({
    validate: (value) =>
      !PART.test(value)
        ? `Does not satisfy regexp ${PART}`
        : PROHIBITED_IDS.has(value)
        ? `[${value}] is not allowed`
        : undefined,
  }),
  name: schema.string(),
  category: schema.object({
    id: schema.string(),
    label: schema.string(),
    ariaLabel: schema.maybe(schema.string()),
    euiIconType: schema.maybe(schema.string()),
    order: schema.maybe(schema.number()),
  }),
  hidden: schema.maybe(schema.boolean()),
  description: schema.maybe(schema.string()),
  order: schema.maybe(schema.number()),
  excludeFromBasePrivileges: schema.maybe(schema.boolean()),
  minimumLicense: schema.maybe(
    license(['basic', 'standard', 'gold', 'platinum', 'enterprise', 'trial'])
  ),
  app: strings(),
  management: schema.maybe(management),
  catalogue: schema.maybe(capabilities),
  alerting: schema.maybe(alerting),
  cases: schema.maybe(strings()),
  privileges: schema.oneOf([
    schema.literal(null),
    schema.object({ all: schema.maybe(kibanaPrivilege), read: schema.maybe(kibanaPrivilege) }),
  ]),
  subFeatures: schema.maybe(
    schema.conditional(
      schema.siblingRef('privileges'),
      null,
      // A feature without privileges has no sub-features.
      schema.arrayOf(schema.never(), { maxSize: 0 }),
      schema.arrayOf(subFeature)
    )
  ),
  privilegesTooltip: schema.maybe(schema.string()),
  reserved: schema.maybe(
    schema.object({
      description: schema.string(),
      privileges: schema.arrayOf(
        schema.object({ id: matching(RESERVED_PART), privilege: kibanaPrivilege })
      ),
    })
  ),
  deprecated: schema.maybe(
    schema.object({ notice: schema.string(), replacedBy: schema.maybe(strings()) })
  ),
});

/** Throws, as Kibana's registerKibanaFeature does, when the feature is not one Kibana accepts. */
export function validateKibanaFeature(feature: KibanaFeatureConfig): void {
  kibanaFeature.validate(feature);
  // Only a feature with reserved privileges and no others may be hidden.
  if (feature.hidden === true && (feature.privileges !== null || !('reserved' in feature)))
    throw new Error(`Feature ${feature.id} cannot be hidden.`);

  const ruleTypes = new Map((feature.alerting ?? []).map((e) => [e.ruleTypeId, e.consumers]));
  const unseen = {
    app: new Set(feature.app),
    catalogue: new Set(feature.catalogue ?? []),
    ruleTypes: new Set(ruleTypes.keys()),
    consumers: new Set((feature.alerting ?? []).flatMap((entry) => entry.consumers)),
  };
  const privileges = Object.entries(feature.privileges ?? {}) as Array<
    [string, FeatureKibanaPrivileges]
  >;
  for (const [id, privilege] of privileges) {
    for (const [kind, declared] of [
      ['app', feature.app],
      ['catalogue', feature.catalogue ?? []],
    ] as const) {
      const entries = privilege[kind] ?? [];
      const unknown = entries.filter((entry) => !declared.includes(entry));
      if (unknown.length > 0)
        throw new Error(
          `Feature privilege ${feature.id}.${id} has unknown ${kind} entries: ${unknown.join(', ')}`
        );
      for (const entry of entries) unseen[kind].delete(entry);
    }
    const grants = [
      ...Object.values(privilege.alerting?.rule ?? {}),
      ...Object.values(privilege.alerting?.alert ?? {}),
    ].flatMap((entries) => entries ?? []);
    for (const { ruleTypeId, consumers } of grants) {
      const declared = ruleTypes.get(ruleTypeId);
      if (declared === undefined)
        throw new Error(
          `Feature privilege ${feature.id}.${id} has unknown ruleTypeId: ${ruleTypeId}`
        );
      for (const consumer of consumers) {
        if (!declared.includes(consumer))
          throw new Error(
            `Feature privilege ${feature.id}.${id}.${ruleTypeId} has unknown consumer: ${consumer}`
          );
        unseen.consumers.delete(consumer);
      }
      unseen.ruleTypes.delete(ruleTypeId);
    }
  }
  if (privileges.length === 0) return;
  for (const [what, left] of [
    ['app entries', unseen.app],
    ['catalogue entries', unseen.catalogue],
    ['alerting rule types', unseen.ruleTypes],
    ['alerting consumers', unseen.consumers],
  ] as const) {
    if (left.size > 0)
      throw new Error(
        `Feature ${feature.id} specifies ${what} which are not granted to any privileges: ${[
          ...left,
        ].join(',')}`
      );
  }
}
