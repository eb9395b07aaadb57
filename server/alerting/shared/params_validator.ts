import { isRight } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { formatValidationErrors } from '../../../common/io_ts_errors';

/** Kibana's `validate.params` from a codec in common/: throws with a message naming the field. */
export function paramsValidator<A>(codec: t.Decoder<unknown, A>): {
  validate: (object: unknown) => A;
} {
  return {
    validate: (object) => {
      const result = codec.decode(object);
      if (isRight(result)) return result.right;
      throw new Error(formatValidationErrors(result.left));
    },
  };
}
