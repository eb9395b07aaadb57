/** Saved objects errors carry `output.statusCode`, like the Boom errors Kibana throws. */
export class SavedObjectsError extends Error {
  readonly output: { statusCode: number };
  constructor(statusCode: number, message: string) {
    super(message);
    this.output = { statusCode };
  }
}
export const notFound = (type: string, id: string) => new SavedObjectsError(404, `Saved object [${type}/${id}] not found`);
export const conflict = (type: string, id: string) => new SavedObjectsError(409, `Saved object [${type}/${id}] conflict`);
