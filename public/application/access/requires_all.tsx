import type { ReactElement } from 'react';
import { EuiButton, EuiToolTip, type EuiButtonProps } from '@elastic/eui';
import { REQUIRES_ALL } from './no_access_prompt';

/**
 * A control a read-only user sees disabled, with a tooltip that says why; for a user with the
 * All privilege, the control as it is. The caller disables the control itself.
 */
export function RequiresAll({ canSave, children }: { canSave: boolean; children: ReactElement }) {
  return canSave ? (
    children
  ) : (
    <EuiToolTip content={REQUIRES_ALL} data-test-subj="goRuntimeRequiresAll">
      {children}
    </EuiToolTip>
  );
}

/** A button only a user with the All privilege can press (see RequiresAll). */
export function SaveButton({
  canSave,
  onClick,
  ...button
}: { canSave: boolean; onClick: () => void } & Omit<EuiButtonProps, 'isDisabled'>) {
  return (
    <RequiresAll canSave={canSave}>
      <EuiButton {...button} onClick={onClick} isDisabled={!canSave} />
    </RequiresAll>
  );
}
