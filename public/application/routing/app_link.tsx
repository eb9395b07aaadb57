import type { ReactNode } from 'react';
import { EuiLink } from '@elastic/eui';
import { useHistory } from 'react-router-dom';

/**
 * A link to a page of the app: a real href (open in a new tab works), and a click that moves
 * within the app's history instead of reloading Kibana.
 */
export function AppLink({
  to,
  children,
  'data-test-subj': testSubj,
}: {
  to: { pathname: string; search?: string };
  children: ReactNode;
  'data-test-subj'?: string;
}) {
  const history = useHistory();
  return (
    <EuiLink
      href={history.createHref(to)}
      onClick={(event: React.MouseEvent) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        history.push(to);
      }}
      data-test-subj={testSubj}
    >
      {children}
    </EuiLink>
  );
}
