import { Client } from '@elastic/elasticsearch';
import { startElasticsearch, type RunningElasticsearch } from '../../dev/es/elasticsearch';
import { startGoFixture, type GoFixture } from './go_fixture';
import { freePort, startHostProcess, type HostProcess } from './host_process';

/** A cluster of its own with Elasticsearch security on, a host against it, and a Go program. */
export interface SecuredStack {
  readonly es: RunningElasticsearch;
  /** The cluster's `elastic` user, for what a test checks behind the host's back. */
  readonly superuser: Client;
  readonly host: HostProcess;
  readonly fixture: GoFixture;
  stop(): Promise<void>;
}

export async function startSecuredStack(
  name: string,
  hostOptions: Omit<Parameters<typeof startHostProcess>[0], 'esUrl' | 'esSecurity'>
): Promise<SecuredStack> {
  const es = await startElasticsearch({ name, httpPort: await freePort(), security: true });
  const superuser = new Client({ node: es.url, auth: es.superuser! });
  let host: HostProcess;
  let fixture: GoFixture;
  try {
    [host, fixture] = await Promise.all([
      startHostProcess({ ...hostOptions, esUrl: es.url, esSecurity: true }),
      startGoFixture(),
    ]);
  } catch (error) {
    await superuser.close();
    await es.stop();
    throw error;
  }
  return {
    es,
    superuser,
    host,
    fixture,
    async stop() {
      await Promise.all([host.stop(), fixture.stop()]);
      await superuser.close();
      await es.stop();
    },
  };
}
