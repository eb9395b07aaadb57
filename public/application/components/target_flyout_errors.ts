import { i18n } from '@kbn/i18n';
import { isRight } from 'fp-ts/Either';
import { TargetRefusalAttributes } from '../../../common/target_errors';
import { errorAttributes, errorMessage } from '../api/http_error';
import { fieldOfPath, pathInMessage, type FormErrors, type FormField } from './target_flyout_form';

/** What a denied network is, for a person: the common ones by name, the others by their rule. */
const NETWORK_KINDS: Record<string, string> = {
  '169.254.0.0/16': i18n.translate('goRuntime.targetForm.network.linkLocal', {
    defaultMessage: 'a link-local/metadata address',
  }),
  'fe80::/10': i18n.translate('goRuntime.targetForm.network.linkLocal6', {
    defaultMessage: 'a link-local address',
  }),
  'fd00:ec2::254/128': i18n.translate('goRuntime.targetForm.network.metadata', {
    defaultMessage: 'a cloud metadata address',
  }),
  '0.0.0.0/8': i18n.translate('goRuntime.targetForm.network.thisHost', {
    defaultMessage: 'a "this host" address',
  }),
  '::/128': i18n.translate('goRuntime.targetForm.network.unspecified', {
    defaultMessage: 'the unspecified address',
  }),
  '127.0.0.0/8': i18n.translate('goRuntime.targetForm.network.loopback', {
    defaultMessage: 'a loopback address',
  }),
  '::1/128': i18n.translate('goRuntime.targetForm.network.loopback6', {
    defaultMessage: 'a loopback address',
  }),
};

/**
 * A refusal of the targets API in plain words, and the row it belongs to. The API's own
 * sentence is the fallback for a refusal this form has no words for.
 */
export function describeRefusal(
  attributes: TargetRefusalAttributes,
  message: string
): { field?: FormField; text: string } {
  const field =
    attributes.field === undefined
      ? undefined
      : fieldOfPath(pathInMessage(message) ?? attributes.field);
  const at = field === undefined ? {} : { field };
  switch (attributes.reason) {
    case 'denied_network': {
      const address = attributes.address ?? '';
      const network = attributes.network ?? '';
      const kind = NETWORK_KINDS[network];
      return {
        ...at,
        text:
          kind === undefined
            ? i18n.translate('goRuntime.targetForm.refused.deniedNetworkOther', {
                defaultMessage:
                  '{address} is in {network}, a network this Kibana refuses to scrape (go_runtime.scrape.deniedNetworks)',
                values: { address, network },
              })
            : i18n.translate('goRuntime.targetForm.refused.deniedNetwork', {
                defaultMessage:
                  '{address} is {kind}, which this Kibana refuses to scrape (go_runtime.scrape.deniedNetworks)',
                values: { address, kind },
              }),
      };
    }
    case 'host_not_allowed':
      return {
        ...at,
        text: i18n.translate('goRuntime.targetForm.refused.hostNotAllowed', {
          defaultMessage:
            '{host} is not one of the hosts this Kibana may scrape (go_runtime.scrape.allowedHosts)',
          values: { host: attributes.host ?? '' },
        }),
      };
    case 'duplicate':
      return {
        ...at,
        text: i18n.translate('goRuntime.targetForm.refused.duplicate', {
          defaultMessage: 'Target {name} scrapes this URL already; edit that one instead',
          values: { name: attributes.existing?.name ?? '' },
        }),
      };
    case 'duplicate_in_request':
      return {
        ...at,
        text: i18n.translate('goRuntime.targetForm.refused.duplicateInRequest', {
          defaultMessage: 'An earlier line has this URL',
        }),
      };
    default:
      return { ...at, text: message.replace(/^\[request body\]: /, '') };
  }
}

/** A failed save as form errors: by the field when the API says which, else for the form. */
export function errorsOfFailure(failure: unknown): FormErrors {
  const message = errorMessage(failure);
  const attributes = TargetRefusalAttributes.decode(errorAttributes(failure));
  const described = isRight(attributes)
    ? describeRefusal(attributes.right, message)
    : { field: fieldOfPath(pathInMessage(message) ?? ''), text: message };
  return described.field === undefined
    ? { fields: {}, form: described.text }
    : { fields: { [described.field]: described.text } };
}
