import type { ReactNode } from 'react';
import type { IUiSettingsClient } from '@kbn/core/public';
import { KibanaContextProvider } from '@kbn/kibana-react-plugin/public';

/** Kibana's default `dateFormat`, which a component test expects dates in. */
export const TEST_DATE_FORMAT = 'MMM D, YYYY @ HH:mm:ss.SSS';

const uiSettings = {
  get: (key: string) => (key === 'dateFormat' ? TEST_DATE_FORMAT : []),
} as unknown as IUiSettingsClient;

/** The uiSettings a component that writes dates (useDateFormats) reads, as Kibana gives them. */
export function DateSettings({ children }: { children: ReactNode }) {
  return <KibanaContextProvider services={{ uiSettings }}>{children}</KibanaContextProvider>;
}
