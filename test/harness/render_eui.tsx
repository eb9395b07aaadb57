import type { ReactElement, ReactNode } from 'react';
import { configure, render, type RenderResult } from '@testing-library/react';
import { EuiProvider } from '@elastic/eui';
import { EuiThemeBorealis } from '@elastic/eui-theme-borealis';

// The app's test ids are Kibana's `data-test-subj`, which the e2e tests select by too.
configure({ testIdAttribute: 'data-test-subj' });

/** The EUI context Kibana gives a mounted app (theme, colour mode), around one component. */
function EuiContext({ children }: { children?: ReactNode }) {
  return (
    <EuiProvider theme={EuiThemeBorealis} colorMode="light">
      {children}
    </EuiProvider>
  );
}

/** Renders a component for a test in jsdom, as it renders in the app. */
export function renderWithEui(ui: ReactElement): RenderResult {
  return render(ui, { wrapper: EuiContext });
}
