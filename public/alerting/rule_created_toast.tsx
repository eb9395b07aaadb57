import { useCallback, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { EuiLink } from '@elastic/eui';
import type { MountPoint } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
import { useKibana } from '@kbn/kibana-react-plugin/public';
import { useHistory } from 'react-router-dom';
import { rulePath } from '../application/routing/paths';
import { createRulesApi } from './rules_api';

/**
 * The toast after a rule is created in Kibana's add-rule flyout, wherever it was opened (the
 * Rules page, a service page): it names the rule and links to its details. The flyout's
 * onSave says only that a rule was saved, not which: the rule is the one the plugin's rule
 * list holds after the save and did not hold when the flyout opened (`watch`). When that is
 * not one rule (more than a list page of rules, or another user creating one at the same
 * moment), the toast says only that the rule was created.
 */
export function useRuleCreatedToast(): { watch: () => void; onSave: () => Promise<void> } {
  // Core's services from the app's KibanaContextProvider, read when a rule is created: a page
  // shown without the flyout needs none of them.
  const { http, notifications, rendering } = useKibana().services;
  const history = useHistory();
  const before = useRef<Promise<ReadonlySet<string> | undefined>>(Promise.resolve(undefined));
  const core = useCallback(() => {
    if (http === undefined || notifications === undefined || rendering === undefined)
      throw new Error('the rule toast needs core http, notifications and rendering in context');
    return { api: createRulesApi(http), notifications, rendering };
  }, [http, notifications, rendering]);

  const watch = useCallback(() => {
    before.current = core()
      .api.find()
      .then(
        (found) => new Set(found.data.map((rule) => rule.id)),
        () => undefined
      );
  }, [core]);

  const onSave = useCallback(async () => {
    const { api, notifications: toasts, rendering: context } = core();
    const known = await before.current;
    const created =
      known === undefined
        ? []
        : await api.find().then(
            (found) => found.data.filter((rule) => !known.has(rule.id)),
            () => []
          );
    const rule = created.length === 1 ? created[0] : undefined;
    if (rule === undefined) {
      toasts.toasts.addSuccess(
        i18n.translate('goRuntime.rules.created', { defaultMessage: 'Created the rule' })
      );
      return;
    }
    const to = { pathname: rulePath(rule.id) };
    // What Kibana's toMountPoint does: the node in Kibana's theme and i18n, unmounted with the toast.
    const link: MountPoint = (element) => {
      const root = createRoot(element);
      root.render(
        context.addContext(
          <EuiLink
            href={history.createHref(to)}
            onClick={(event: React.MouseEvent) => {
              event.preventDefault();
              history.push(to);
            }}
            data-test-subj="goRuntimeCreatedRuleLink"
          >
            {i18n.translate('goRuntime.rules.createdOpen', { defaultMessage: 'Open the rule' })}
          </EuiLink>
        )
      );
      return () => root.unmount();
    };
    toasts.toasts.addSuccess({
      title: i18n.translate('goRuntime.rules.createdNamed', {
        defaultMessage: 'Created rule "{name}"',
        values: { name: rule.name },
      }),
      text: link,
    });
  }, [core, history]);

  return { watch, onSave };
}
