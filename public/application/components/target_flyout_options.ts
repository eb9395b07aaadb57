import { i18n } from '@kbn/i18n';
import type { AuthType, TlsMode } from './target_flyout_form';

const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as Array<[K, string]>).map(([value, text]) => ({ value, text }));

export const AUTH_OPTIONS = optionsOf<AuthType>({
  none: i18n.translate('goRuntime.targetForm.authNone', { defaultMessage: 'None' }),
  basic: i18n.translate('goRuntime.targetForm.authBasic', {
    defaultMessage: 'Basic (username and password)',
  }),
  bearer: i18n.translate('goRuntime.targetForm.authBearer', { defaultMessage: 'Bearer token' }),
});

/** '' is "Default": no TLS settings stored (on an edited target, they are removed). */
export const TLS_OPTIONS = optionsOf<TlsMode>({
  '': i18n.translate('goRuntime.targetForm.tlsDefault', {
    defaultMessage: 'Default (full, system CAs)',
  }),
  full: i18n.translate('goRuntime.targetForm.tlsFull', { defaultMessage: 'Full' }),
  certificate: i18n.translate('goRuntime.targetForm.tlsCertificate', {
    defaultMessage: 'Certificate',
  }),
  none: i18n.translate('goRuntime.targetForm.tlsNone', { defaultMessage: 'None (not verified)' }),
});
