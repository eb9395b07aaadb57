import { useState, type ReactNode } from 'react';
import type { NotificationsStart } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
import type { TriggersAndActionsUIPublicPluginStart } from '@kbn/triggers-actions-ui-plugin/public';
import type { RuleSummary } from '../../common/alerting/rules_http';
import { errorMessage } from '../application/api/http_error';
import { DeleteRuleModal } from './delete_rule_modal';
import { editableRule, type RulesApi } from './rules_api';

/**
 * Edit (Kibana's edit-rule flyout) and delete (after a confirmation) for one rule at a time,
 * each followed by a toast: shared by the Rules list and a rule's details page.
 */
export function useRuleActions({
  api,
  notifications,
  triggersActionsUi,
  onChanged,
  onDeleted = onChanged,
}: {
  api: RulesApi;
  notifications: NotificationsStart;
  triggersActionsUi?: TriggersAndActionsUIPublicPluginStart;
  onChanged: () => void;
  onDeleted?: () => void;
}): {
  edit?: (rule: RuleSummary) => void;
  remove: (rule: RuleSummary) => void;
  overlays: ReactNode;
} {
  const [editing, setEditing] = useState<RuleSummary | undefined>();
  const [deleting, setDeleting] = useState<RuleSummary | undefined>();
  const [isDeleting, setIsDeleting] = useState(false);

  const confirmDelete = async (rule: RuleSummary) => {
    setIsDeleting(true);
    try {
      await api.delete(rule.id);
      notifications.toasts.addSuccess(
        i18n.translate('goRuntime.rules.deleted', {
          defaultMessage: 'Deleted rule {name}',
          values: { name: rule.name },
        })
      );
      setDeleting(undefined);
      onDeleted();
    } catch (error) {
      notifications.toasts.addDanger({
        title: i18n.translate('goRuntime.rules.deleteFailed', {
          defaultMessage: 'Could not delete rule {name}',
          values: { name: rule.name },
        }),
        text: errorMessage(error),
      });
      setDeleting(undefined);
    } finally {
      setIsDeleting(false);
    }
  };

  const overlays = (
    <>
      {deleting !== undefined && (
        <DeleteRuleModal
          name={deleting.name}
          isDeleting={isDeleting}
          onCancel={() => !isDeleting && setDeleting(undefined)}
          onConfirm={() => void confirmDelete(deleting)}
        />
      )}
      {editing !== undefined &&
        triggersActionsUi?.getEditRuleFlyout({
          initialRule: editableRule(editing),
          onClose: () => setEditing(undefined),
          // Called after a save only; onClose's reason is an enum the plugin does not import.
          // Kibana's flyout toasts the update itself (`Updated '<name>'`): no second toast.
          onSave: async () => onChanged(),
        })}
    </>
  );
  return {
    ...(triggersActionsUi === undefined ? {} : { edit: setEditing }),
    remove: setDeleting,
    overlays,
  };
}
