import { EuiText } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { ConfirmDeleteModal } from '../application/components/confirm_delete_modal';

/**
 * Asks before a rule goes, naming it: a deleted rule cannot be brought back, and its past
 * alerts stay in the alerts index (Kibana deletes the rule, not its alert documents).
 */
export function DeleteRuleModal({
  name,
  isDeleting,
  onCancel,
  onConfirm,
}: {
  name: string;
  isDeleting: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <ConfirmDeleteModal
      title={i18n.translate('goRuntime.rules.delete.title', {
        defaultMessage: 'Delete rule {name}?',
        values: { name },
      })}
      confirmButtonText={i18n.translate('goRuntime.rules.delete.confirm', {
        defaultMessage: 'Delete rule',
      })}
      isDeleting={isDeleting}
      onCancel={onCancel}
      onConfirm={onConfirm}
      data-test-subj="goRuntimeDeleteRuleModal"
    >
      <EuiText size="s" data-test-subj="goRuntimeDeleteRuleAlertsStay">
        <p>
          {i18n.translate('goRuntime.rules.delete.body', {
            defaultMessage:
              'The rule stops checking and its actions stop. Its alert documents stay in Elasticsearch.',
          })}
        </p>
      </EuiText>
    </ConfirmDeleteModal>
  );
}
