import { SavedObjectsErrorHelpers } from './server';

describe('SavedObjectsErrorHelpers stand-in (decorated errors, as in Kibana)', () => {
  it('recognises errors it created by their decoration, not by status', () => {
    const notFound = SavedObjectsErrorHelpers.createGenericNotFoundError('go-runtime-target', 'x');
    expect(notFound.message).toBe('Saved object [go-runtime-target/x] not found');
    expect(notFound.output.statusCode).toBe(404);
    expect(SavedObjectsErrorHelpers.isNotFoundError(notFound)).toBe(true);
    expect(SavedObjectsErrorHelpers.isConflictError(notFound)).toBe(false);

    const lookalike = Object.assign(new Error('Not Found'), {
      statusCode: 404,
      output: { statusCode: 404 },
    });
    expect(SavedObjectsErrorHelpers.isNotFoundError(lookalike)).toBe(false);
  });

  it('decorates an existing error once, keeping its first code', () => {
    const conflict = SavedObjectsErrorHelpers.decorateConflictError(
      new Error('version_conflict'),
      'stale'
    );
    expect(conflict.message).toBe('stale: version_conflict');
    expect(SavedObjectsErrorHelpers.isConflictError(conflict)).toBe(true);
    expect(
      SavedObjectsErrorHelpers.isConflictError(
        SavedObjectsErrorHelpers.decorateGeneralError(conflict)
      )
    ).toBe(true);
    expect(
      SavedObjectsErrorHelpers.isConflictError(
        SavedObjectsErrorHelpers.createConflictError('t', 'i')
      )
    ).toBe(true);
  });
});
