import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { ScrapeConnection } from '../targets/target_connection';
import { policyLookup, type Resolver } from './policy_lookup';
import type { ScrapePolicy } from './scrape_policy';

type TlsSettings = NonNullable<ScrapeConnection['tls']>;

/** The policy a scrape is held to, and the agents that enforce it when they connect. */
export interface ScrapeAccess {
  readonly policy: ScrapePolicy;
  readonly agents: { readonly 'http:': http.Agent; readonly 'https:': https.Agent };
  /** An https agent for a target's own TLS settings, under the same policy. */
  tlsAgent(settings: TlsSettings): https.Agent;
}

/** Distinct TLS settings with an agent of their own; beyond, the oldest agent is closed. */
const MAX_TLS_AGENTS = 256;

export function createScrapeAccess(policy: ScrapePolicy, resolve?: Resolver): ScrapeAccess {
  const lookup = policyLookup(policy, resolve);
  // Keep-alive: a target is scraped every few seconds, a new TCP (and TLS) handshake each time
  // would cost more than the read itself. A kept socket stays on the address checked when it
  // was opened. Both sockets an origin may use are kept: with several targets behind one
  // host and port, closing the second after each overlap meant a new connection per scrape.
  const options = { keepAlive: true, maxSockets: 2, maxFreeSockets: 2, lookup };
  const tlsAgents = new Map<string, https.Agent>();
  return {
    policy,
    agents: { 'http:': new http.Agent(options), 'https:': new https.Agent(options) },
    tlsAgent(settings) {
      // Keyed by a digest: the key material is not kept as a map key.
      const id = createHash('sha256')
        .update(
          JSON.stringify([
            settings.verificationMode,
            settings.ca,
            settings.certificate,
            settings.key,
          ])
        )
        .digest('base64');
      const existing = tlsAgents.get(id);
      if (existing !== undefined) return existing;
      if (tlsAgents.size >= MAX_TLS_AGENTS) {
        const [oldestId, oldest] = tlsAgents.entries().next().value as [string, https.Agent];
        oldest.destroy();
        tlsAgents.delete(oldestId);
      }
      const agent = new https.Agent({
        ...options,
        ...(settings.ca === undefined ? {} : { ca: settings.ca }),
        ...(settings.certificate === undefined
          ? {}
          : { cert: settings.certificate, key: settings.key }),
        // Elastic's ssl.verification_mode: `certificate` trusts the chain but not the name.
        rejectUnauthorized: settings.verificationMode !== 'none',
        checkServerIdentity:
          settings.verificationMode === 'full' ? tls.checkServerIdentity : () => undefined,
      });
      tlsAgents.set(id, agent);
      return agent;
    },
  };
}
