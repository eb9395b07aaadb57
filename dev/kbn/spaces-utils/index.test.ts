import * as spacesCommon from '@kbn/spaces-plugin/common';
import { addSpaceIdToPath, getSpaceIdFromPath } from '@kbn/spaces-utils';

describe('@kbn/spaces-utils stand-in', () => {
  it('builds space-aware paths as Kibana does', () => {
    expect(addSpaceIdToPath('/', 'default', '/app/goRuntime')).toBe('/app/goRuntime');
    expect(addSpaceIdToPath('/kbn/', 'ops', '/app/goRuntime')).toBe('/kbn/s/ops/app/goRuntime');
    expect(addSpaceIdToPath('/', '', '')).toBe('/');
    expect(() => addSpaceIdToPath('/', 'ops', 'app')).toThrow('path must start with a /');
  });

  it('reads the space from a request path, after the server base path', () => {
    expect(getSpaceIdFromPath('/kbn/s/ops/app/x', '/kbn')).toEqual({
      spaceId: 'ops',
      pathHasExplicitSpaceIdentifier: true,
    });
    expect(getSpaceIdFromPath('/app/x')).toEqual({
      spaceId: 'default',
      pathHasExplicitSpaceIdentifier: false,
    });
  });

  it('is the only home of addSpaceIdToPath: the spaces plugin common no longer exports it', () => {
    expect('addSpaceIdToPath' in spacesCommon).toBe(false);
  });
});
