import { useEffect, useMemo, useState } from 'react';
import { isRight } from 'fp-ts/Either';
import { i18n } from '@kbn/i18n';
import { TargetRefusalAttributes } from '../../../common/target_errors';
import { CreateTargetRequest } from '../../../common/targets';
import type { GoRuntimeApi } from '../api/go_runtime_api';
import { errorMessage } from '../api/http_error';
import type { PastedTarget } from '../target_list';
import { describeRefusal } from './target_flyout_errors';
import { errorsOfCodec, type FormErrors } from './target_flyout_form';

/** What creating a pasted line would do, as the server's dry run of the bulk create says. */
export type PreviewStatus =
  | 'checking'
  | 'create'
  | 'invalid'
  | 'refused'
  | 'duplicate'
  | 'duplicate_in_list';

export interface PreviewRow {
  readonly index: number;
  readonly name: string;
  readonly url: string;
  readonly status: PreviewStatus;
  /** Why the line is not created, in plain words. */
  readonly reason?: string;
  /** The request that creates it: only on rows that pass the client's checks. */
  readonly request?: CreateTargetRequest;
}

const STATUS_OF_REASON: Record<TargetRefusalAttributes['reason'], PreviewStatus> = {
  invalid: 'invalid',
  denied_network: 'refused',
  host_not_allowed: 'refused',
  duplicate: 'duplicate',
  duplicate_in_request: 'duplicate_in_list',
  too_many_targets: 'invalid',
  no_encryption_key: 'invalid',
};

/** Waits this long after the last keystroke before asking the server: one dry run per pause. */
const CHECK_DELAY_MS = 300;

/**
 * The preview of "Add many": each line checked by the create codec here, then by a dry run of
 * the bulk create on the server (network policy, duplicates, the cap), which writes nothing.
 * `shared`: errors of the service name or interval, which are every line's.
 */
export function useAddManyPreview(
  api: GoRuntimeApi,
  targets: readonly PastedTarget[],
  serviceName: string,
  interval: string,
  /** Bumped after a create: the same lines are checked again (now duplicates, most of them). */
  generation: number
): { rows: PreviewRow[]; shared: FormErrors; checkError?: string } {
  const decoded = useMemo(() => {
    let shared: FormErrors = { fields: {} };
    const rows: PreviewRow[] = targets.map((target, index) => {
      const request = CreateTargetRequest.decode({
        name: target.name,
        service_name: serviceName,
        url: target.url,
        interval,
      });
      if (isRight(request)) return { index, ...target, status: 'checking', request: request.right };
      const errors = errorsOfCodec(request.left);
      const { service_name: service, interval: every, ...own } = errors.fields;
      if (service !== undefined || every !== undefined)
        shared = {
          fields: {
            ...(service === undefined ? {} : { service_name: service }),
            ...(every === undefined ? {} : { interval: every }),
          },
        };
      const reason = Object.values(own)[0] ?? errors.form;
      return reason === undefined
        ? { index, ...target, status: 'checking' }
        : { index, ...target, status: 'invalid', reason };
    });
    return { rows, shared, generation };
  }, [targets, serviceName, interval, generation]);

  const [checked, setChecked] = useState<{ for: typeof decoded; rows: PreviewRow[] }>();
  const [checkError, setCheckError] = useState<string>();
  useEffect(() => {
    const candidates = decoded.rows.filter((row) => row.request !== undefined);
    if (candidates.length === 0) return;
    let current = true;
    const timer = setTimeout(() => {
      api
        .checkTargets(candidates.map((row) => row.request!))
        .then((result) => {
          if (!current) return;
          const rows = [...decoded.rows];
          for (const { index } of result.would_create)
            rows[candidates[index].index] = { ...candidates[index], status: 'create' };
          for (const error of result.errors) {
            const row = candidates[error.index];
            const attributes = TargetRefusalAttributes.decode(error.attributes);
            const described = isRight(attributes)
              ? describeRefusal(attributes.right, error.message)
              : { text: error.message };
            rows[row.index] = {
              ...row,
              status: isRight(attributes) ? STATUS_OF_REASON[attributes.right.reason] : 'invalid',
              reason:
                isRight(attributes) && attributes.right.reason === 'duplicate_in_request'
                  ? i18n.translate('goRuntime.addMany.duplicateOfLine', {
                      defaultMessage: 'The same URL as {url} above',
                      values: {
                        url: candidates[attributes.right.first_index ?? 0]?.url ?? '',
                      },
                    })
                  : described.text,
            };
          }
          setCheckError(undefined);
          setChecked({ for: decoded, rows });
        })
        .catch((failure: unknown) => {
          if (current) setCheckError(errorMessage(failure));
        });
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, decoded]);

  // Until the dry run of these very lines answers, the lines that passed here are "checking".
  const rows = checked?.for === decoded ? checked.rows : decoded.rows;
  return { rows, shared: decoded.shared, ...(checkError === undefined ? {} : { checkError }) };
}
