/**
 * `@kbn/datemath` (Kibana 9.x), the date-math parser Kibana shares with plugins at run time
 * (src/platform/packages/private/kbn-ui-shared-deps-src/src/definitions.js lists it; the
 * npm package `@elastic/datemath` is not shared). Declarations mirror
 * src/platform/packages/shared/kbn-datemath/index.d.ts: named `parse`, `unitsMap`, `units`,
 * `unitsAsc`, `unitsDesc`, and a default export carrying the same. Outside Kibana the
 * implementation is the npm package `@elastic/datemath`, from which Kibana's package grew.
 */
import type moment from 'moment';
import elasticDatemath from '@elastic/datemath';

export type Unit = 'ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'M' | 'y';
export type UnitsMap = {
  [k in Unit]: { weight: number; type: 'calendar' | 'fixed' | 'mixed'; base: number };
};

export const unitsMap: UnitsMap = elasticDatemath.unitsMap;
export const units: Unit[] = elasticDatemath.units;
export const unitsDesc: Unit[] = elasticDatemath.unitsDesc;
export const unitsAsc: Unit[] = elasticDatemath.unitsAsc;

export function parse(
  input: string,
  options?: { roundUp?: boolean; momentInstance?: typeof moment; forceNow?: Date }
): moment.Moment | undefined {
  return elasticDatemath.parse(input, options);
}

const datemath: {
  parse: typeof parse;
  unitsMap: Readonly<UnitsMap>;
  units: readonly Unit[];
  unitsAsc: readonly Unit[];
  unitsDesc: readonly Unit[];
} = { parse, unitsMap, units, unitsAsc, unitsDesc };

export default datemath;
