import { EuiButtonIcon, EuiFlexGroup, EuiFlexItem } from '@elastic/eui';
import { RequiresAll } from './requires_all';

interface RowAction {
  readonly label: string;
  readonly onClick: () => void;
  readonly testSubj: string;
}

/**
 * A table row's Edit and Delete icons. A read-only user sees them too, disabled, with a
 * tooltip that says why; Edit is left out where there is no way to edit.
 */
export function EditDeleteActions({
  canSave,
  edit,
  remove,
}: {
  canSave: boolean;
  edit?: RowAction;
  remove: RowAction;
}) {
  const icon = (action: RowAction, iconType: 'pencil' | 'trash') => (
    <EuiFlexItem grow={false}>
      <RequiresAll canSave={canSave}>
        <EuiButtonIcon
          iconType={iconType}
          color={iconType === 'trash' ? 'danger' : 'primary'}
          aria-label={action.label}
          isDisabled={!canSave}
          onClick={action.onClick}
          data-test-subj={action.testSubj}
        />
      </RequiresAll>
    </EuiFlexItem>
  );
  return (
    <EuiFlexGroup gutterSize="xs" responsive={false}>
      {edit !== undefined && icon(edit, 'pencil')}
      {icon(remove, 'trash')}
    </EuiFlexGroup>
  );
}
