import http from 'node:http';
import https from 'node:https';
import { policyLookup, type Resolver } from './policy_lookup';
import type { ScrapePolicy } from './scrape_policy';

/** The policy a scrape is held to, and the agents that enforce it when they connect. */
export interface ScrapeAccess {
  readonly policy: ScrapePolicy;
  readonly agents: { readonly 'http:': http.Agent; readonly 'https:': https.Agent };
}

export function createScrapeAccess(policy: ScrapePolicy, resolve?: Resolver): ScrapeAccess {
  const lookup = policyLookup(policy, resolve);
  // Keep-alive: a target is scraped every few seconds, a new TCP (and TLS) handshake each time
  // would cost more than the read itself. A kept socket stays on the address checked when it
  // was opened. Both sockets an origin may use are kept: with several targets behind one
  // host and port, closing the second after each overlap meant a new connection per scrape.
  const options = { keepAlive: true, maxSockets: 2, maxFreeSockets: 2, lookup };
  return { policy, agents: { 'http:': new http.Agent(options), 'https:': new https.Agent(options) } };
}
