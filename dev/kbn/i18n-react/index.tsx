/**
 * `@kbn/i18n-react`: FormattedMessage and I18nProvider, rendering the default message as
 * Kibana does for the `en` locale.
 */
import React from 'react';
import { i18n } from '@kbn/i18n';

export interface FormattedMessageProps {
  id: string;
  defaultMessage: string;
  values?: Record<string, string | number | boolean | null | undefined>;
  description?: string;
}

export function FormattedMessage({ id, defaultMessage, values }: FormattedMessageProps) {
  return <>{i18n.translate(id, { defaultMessage, values })}</>;
}

export function I18nProvider({ children }: { children?: React.ReactNode }) {
  return <>{children}</>;
}
