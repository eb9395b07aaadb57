import { EuiCallOut } from '@elastic/eui';
import { errorMessage } from '../api/http_error';

/**
 * Says a load failed and why. `danger` when nothing could be shown; `warning` when what was
 * loaded before is still on screen and only a refresh failed.
 */
export function LoadFailedCallOut({
  title,
  error,
  severity,
}: {
  title: string;
  error: unknown;
  severity: 'danger' | 'warning';
}) {
  return severity === 'danger' ? (
    <EuiCallOut color="danger" iconType="error" title={title}>
      {errorMessage(error)}
    </EuiCallOut>
  ) : (
    <EuiCallOut size="s" color="warning" title={title}>
      {errorMessage(error)}
    </EuiCallOut>
  );
}
