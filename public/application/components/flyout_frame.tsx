import type { ReactNode } from 'react';
import { EuiFlyout, EuiFlyoutHeader, EuiTitle } from '@elastic/eui';

/** A target flyout with its titled header; the title names the flyout for screen readers. */
export function FlyoutFrame({
  titleId,
  title,
  size,
  onClose,
  children,
  'data-test-subj': dataTestSubj,
}: {
  titleId: string;
  title: ReactNode;
  size: 's' | 'm';
  onClose: () => void;
  /** The body, the footer and any modal the flyout opens. */
  children: ReactNode;
  'data-test-subj': string;
}) {
  return (
    <EuiFlyout
      onClose={onClose}
      size={size}
      aria-labelledby={titleId}
      data-test-subj={dataTestSubj}
    >
      <EuiFlyoutHeader hasBorder>
        <EuiTitle size="m">
          <h2 id={titleId}>{title}</h2>
        </EuiTitle>
      </EuiFlyoutHeader>
      {children}
    </EuiFlyout>
  );
}
