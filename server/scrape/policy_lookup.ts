import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import { PolicyRefusal, type ScrapePolicy } from './scrape_policy';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number
) => void;
/** dns.lookup's shape with options, the one an http.Agent's `lookup` is called with. */
export type Resolver = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void
) => void;

const systemResolver: Resolver = (hostname, options, callback) =>
  dns.lookup(hostname, options, callback);

/**
 * An Agent `lookup` that resolves, then refuses when any address is in a denied network. The
 * check sits where the socket gets its address, so a name that resolves elsewhere at connect
 * time than when it was checked (DNS rebinding) is still refused.
 */
export function policyLookup(policy: ScrapePolicy, resolve: Resolver = systemResolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      // Every address is checked, not just the first: the socket may try them all.
      for (const { address } of addresses) {
        const refusal = policy.refuseAddress(address, hostname);
        if (refusal !== undefined) return callback(new PolicyRefusal(refusal), []);
      }
      if (options.all) return callback(null, addresses);
      if (addresses.length === 0)
        return callback(
          Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }),
          []
        );
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
