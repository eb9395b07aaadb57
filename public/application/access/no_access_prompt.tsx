import { EuiEmptyPrompt, EuiText } from '@elastic/eui';
import { i18n } from '@kbn/i18n';

export const NO_ACCESS_TITLE = i18n.translate('goRuntime.access.none.title', {
  defaultMessage: 'You cannot see Go Runtime here',
});
export const NO_ACCESS_BODY = i18n.translate('goRuntime.access.none.body', {
  defaultMessage:
    'You need the Go Runtime feature privilege (Read or All) in this space; ask your Kibana administrator.',
});

/**
 * The one message a page shows when the user's role lacks the feature privilege: instead of
 * each panel's own "unauthorized" error, or an empty list that looks like nothing exists.
 */
export function NoAccessPrompt() {
  return (
    <EuiEmptyPrompt
      iconType="lock"
      color="subdued"
      title={<h2>{NO_ACCESS_TITLE}</h2>}
      body={
        <EuiText size="s">
          <p>{NO_ACCESS_BODY}</p>
        </EuiText>
      }
      data-test-subj="goRuntimeNoAccess"
    />
  );
}

/** Why a control a read-only user sees is disabled. */
export const REQUIRES_ALL = i18n.translate('goRuntime.access.requiresAll', {
  defaultMessage: 'Requires the All privilege of Go Runtime',
});
