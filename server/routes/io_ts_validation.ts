import type { RouteValidationFunction } from '@kbn/core/server';
import { isRight } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { formatValidationErrors } from '../../common/io_ts_errors';

/** Adapts an io-ts codec from common/ to Kibana's route validation; failures become 400s. */
export function ioTsValidation<A>(codec: t.Decoder<unknown, A>): RouteValidationFunction<A> {
  return (data, { ok, badRequest }) => {
    const result = codec.decode(data);
    return isRight(result) ? ok(result.right) : badRequest(formatValidationErrors(result.left));
  };
}
