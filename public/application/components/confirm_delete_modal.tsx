import type { ReactNode } from 'react';
import { EuiConfirmModal } from '@elastic/eui';
import { i18n } from '@kbn/i18n';

/**
 * Asks before something is deleted for good. Focus starts on Cancel, so Enter on an opened
 * modal deletes nothing; the confirm button spins while the deletion runs.
 */
export function ConfirmDeleteModal({
  title,
  confirmButtonText,
  isDeleting,
  onCancel,
  onConfirm,
  children,
  'data-test-subj': dataTestSubj,
}: {
  title: string;
  confirmButtonText: string;
  isDeleting: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  /** What goes and what stays. */
  children: ReactNode;
  'data-test-subj': string;
}) {
  return (
    <EuiConfirmModal
      title={title}
      buttonColor="danger"
      defaultFocusedButton="cancel"
      isLoading={isDeleting}
      onCancel={onCancel}
      onConfirm={onConfirm}
      cancelButtonText={i18n.translate('goRuntime.confirmDelete.cancel', {
        defaultMessage: 'Cancel',
      })}
      confirmButtonText={confirmButtonText}
      data-test-subj={dataTestSubj}
    >
      {children}
    </EuiConfirmModal>
  );
}
