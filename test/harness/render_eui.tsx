import type { ReactElement, ReactNode } from 'react';
import { configure, render, type RenderResult } from '@testing-library/react';
import createEmotion from '@emotion/css/create-instance';
import { EuiProvider } from '@elastic/eui';
import { EuiThemeBorealis } from '@elastic/eui-theme-borealis';

// The app's test ids are Kibana's `data-test-subj`, which the e2e tests select by too; a
// render of a whole flyout can take seconds on a busy machine, so waits allow ten.
configure({ testIdAttribute: 'data-test-subj', asyncUtilTimeout: 10_000 });

// EUI's styles go to a node outside the document. jsdom lays nothing out, so they change no
// result; inside it, each visibility check of EUI's focus trap would re-match every rule of
// hundreds of style sheets, which made one flyout render take ten seconds instead of a few.
const { cache } = createEmotion({ key: 'css', container: document.createElement('div') });

/** The EUI context Kibana gives a mounted app (theme, colour mode), around one component. */
function EuiContext({ children }: { children?: ReactNode }) {
  return (
    <EuiProvider
      theme={EuiThemeBorealis}
      colorMode="light"
      cache={{ default: cache, global: cache, utility: cache }}
    >
      {children}
    </EuiProvider>
  );
}

/** Renders a component for a test in jsdom, as it renders in the app. */
export function renderWithEui(ui: ReactElement): RenderResult {
  return render(ui, { wrapper: EuiContext });
}
