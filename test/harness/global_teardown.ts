/** Stops the shared Elasticsearch after the last project that used it. */
export default async function globalTeardown(): Promise<void> {
  globalThis.__goRuntimeEsUsers = (globalThis.__goRuntimeEsUsers ?? 1) - 1;
  if (globalThis.__goRuntimeEsUsers > 0 || globalThis.__goRuntimeEs === undefined) return;
  const es = await globalThis.__goRuntimeEs;
  globalThis.__goRuntimeEs = undefined;
  await es.stop();
}
