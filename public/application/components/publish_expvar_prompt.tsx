import { EuiButton, EuiCodeBlock, EuiEmptyPrompt, EuiText } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { ReactNode } from 'react';

const GO_SNIPPET = `import _ "expvar" // registers /debug/vars on http.DefaultServeMux
import "net/http"
go http.ListenAndServe("localhost:6060", nil) // in main`;

/**
 * The empty state that teaches: the lines of Go that publish /debug/vars, and a way to add the
 * service as a target.
 */
export function PublishExpvarPrompt({
  title,
  onAddTarget,
  canAddTarget,
}: {
  title: ReactNode;
  onAddTarget: () => void;
  canAddTarget: boolean;
}) {
  return (
    <EuiEmptyPrompt
      iconType="logoGolang"
      data-test-subj="goRuntimeEmptyState"
      title={<h2>{title}</h2>}
      body={
        <>
          <EuiText size="s">
            <p>
              {i18n.translate('goRuntime.empty.body', {
                defaultMessage:
                  'A Go program publishes its runtime statistics at /debug/vars with the standard library alone:',
              })}
            </p>
          </EuiText>
          <EuiCodeBlock
            language="go"
            isCopyable
            paddingSize="s"
            data-test-subj="goRuntimeEmptyStateSnippet"
          >
            {GO_SNIPPET}
          </EuiCodeBlock>
          <EuiText size="s">
            <p>
              {i18n.translate('goRuntime.empty.then', {
                defaultMessage:
                  'Then add its URL (for example http://host:6060/debug/vars) as a target, or widen the time range.',
              })}
            </p>
          </EuiText>
        </>
      }
      actions={
        canAddTarget ? (
          <EuiButton
            fill
            iconType="plusInCircle"
            onClick={onAddTarget}
            data-test-subj="goRuntimeEmptyStateAddTarget"
          >
            {i18n.translate('goRuntime.empty.addTarget', { defaultMessage: 'Add target' })}
          </EuiButton>
        ) : undefined
      }
    />
  );
}
