import { decodeSavedTarget, type ValidTarget } from '../../server/targets/saved_target';

/** A target as the poller sees it, decoded the same way stored targets are. */
export function benchTarget(
  id: string,
  name: string,
  serviceName: string,
  url: string,
  maxCustomVars: number
): ValidTarget {
  const decoded = decodeSavedTarget({
    id,
    type: 'go-runtime-target',
    references: [],
    attributes: {
      name,
      service_name: serviceName,
      url,
      interval: '10s',
      enabled: true,
      max_custom_vars: maxCustomVars,
    },
  });
  if (!decoded.valid) throw new Error(decoded.reason);
  return decoded.target;
}
