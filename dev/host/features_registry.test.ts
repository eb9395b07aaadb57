import * as featuresCommon from '@kbn/features-plugin/common';
import type { KibanaFeatureConfig } from '@kbn/features-plugin/server';
import { DEFAULT_APP_CATEGORIES } from '@kbn/core/server';
import { goRuntimeFeature } from '../../server/feature';
import { FeaturesRegistry } from './features_registry';

const register = (feature: unknown) =>
  new FeaturesRegistry().setup.registerKibanaFeature(feature as KibanaFeatureConfig);

const minimal = {
  id: 'demo',
  name: 'Demo',
  category: DEFAULT_APP_CATEGORIES.kibana,
  app: ['demo'],
  privileges: {
    all: { app: ['demo'], savedObject: { all: [], read: [] }, ui: ['show'] },
    read: { app: ['demo'], savedObject: { all: [], read: [] }, ui: ['show'] },
  },
};

describe('registerKibanaFeature validates as Kibana 9.5 does', () => {
  it("accepts the plugin's feature", () => {
    expect(() => register(goRuntimeFeature)).not.toThrow();
  });

  it('refuses `scope`, which Kibana removed with KibanaFeatureScope', () => {
    expect(() => register({ ...minimal, scope: ['security', 'spaces'] })).toThrow(
      '[scope]: definition for this key is missing'
    );
    expect('KibanaFeatureScope' in featuresCommon).toBe(false);
  });

  it('refuses unknown keys at any depth and requires the required ones', () => {
    expect(() =>
      register({
        ...minimal,
        privileges: { ...minimal.privileges, read: { ...minimal.privileges.read, extra: 1 } },
      })
    ).toThrow('definition for this key is missing');
    const { name: _name, ...withoutName } = minimal;
    expect(() => register(withoutName)).toThrow(
      '[name]: expected value of type [string] but got [undefined]'
    );
    const { ui: _ui, ...withoutUi } = minimal.privileges.all;
    expect(() =>
      register({ ...minimal, privileges: { ...minimal.privileges, all: withoutUi } })
    ).toThrow('ui');
  });

  it('refuses privileges that name what the feature does not declare, or leave some ungranted', () => {
    expect(() =>
      register({
        ...minimal,
        privileges: { ...minimal.privileges, all: { ...minimal.privileges.all, app: ['other'] } },
      })
    ).toThrow('Feature privilege demo.all has unknown app entries: other');
    expect(() => register({ ...minimal, catalogue: ['demo'] })).toThrow(
      'Feature demo specifies catalogue entries which are not granted to any privileges: demo'
    );
    expect(() =>
      register({ ...minimal, alerting: [{ ruleTypeId: 'demo.rule', consumers: ['demo'] }] })
    ).toThrow(
      'Feature demo specifies alerting rule types which are not granted to any privileges: demo.rule'
    );
  });

  it('refuses sub-features on a feature without privileges, and ids Kibana reserves', () => {
    expect(() =>
      register({ ...minimal, privileges: null, subFeatures: [{ name: 'x', privilegeGroups: [] }] })
    ).toThrow('[subFeatures]');
    expect(() => register({ ...minimal, id: 'catalogue' })).toThrow('[catalogue] is not allowed');
  });
});
