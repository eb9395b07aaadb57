import { EuiSpacer, EuiText } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { ConfirmDeleteModal } from './confirm_delete_modal';

/** At least one: there is no confirming the deletion of nothing. */
export type SomeTargets = readonly [{ readonly name: string }, ...Array<{ readonly name: string }>];

/** How many names a bulk deletion lists before it only counts the rest. */
export const NAMES_SHOWN = 5;

/**
 * Asks before targets are deleted, naming them (a count and the first few names for many), and
 * says what stays: deleting a target stops its scrapes, not the documents already indexed.
 */
export function DeleteTargetsModal({
  targets,
  isDeleting,
  onCancel,
  onConfirm,
}: {
  targets: SomeTargets;
  isDeleting: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const count = targets.length;
  const shown = targets.slice(0, NAMES_SHOWN);
  const rest = count - shown.length;
  const title =
    count === 1
      ? i18n.translate('goRuntime.deleteTargets.titleOne', {
          defaultMessage: 'Delete target {name}?',
          values: { name: targets[0].name },
        })
      : i18n.translate('goRuntime.deleteTargets.titleMany', {
          defaultMessage: 'Delete {count, plural, one {# target} other {# targets}}?',
          values: { count },
        });
  return (
    <ConfirmDeleteModal
      title={title}
      confirmButtonText={i18n.translate('goRuntime.deleteTargets.confirm', {
        defaultMessage: '{count, plural, one {Delete target} other {Delete # targets}}',
        values: { count },
      })}
      isDeleting={isDeleting}
      onCancel={onCancel}
      onConfirm={onConfirm}
      data-test-subj="goRuntimeDeleteTargetsModal"
    >
      <EuiText size="s">
        <p>
          {i18n.translate('goRuntime.deleteTargets.scrapesStop', {
            defaultMessage:
              '{count, plural, one {Scraping stops, and its settings, stored secrets included, are deleted.} other {Scraping stops, and their settings, stored secrets included, are deleted.}}',
            values: { count },
          })}
        </p>
        {count > 1 && (
          <ul data-test-subj="goRuntimeDeleteTargetsNames">
            {shown.map((target, position) => (
              <li key={position}>{target.name}</li>
            ))}
            {rest > 0 && (
              <li>
                {i18n.translate('goRuntime.deleteTargets.more', {
                  defaultMessage: 'and {rest, plural, one {# other} other {# others}}',
                  values: { rest },
                })}
              </li>
            )}
          </ul>
        )}
      </EuiText>
      <EuiSpacer size="s" />
      <EuiText size="s" color="subdued" data-test-subj="goRuntimeDeleteTargetsDataStays">
        <p>
          {i18n.translate('goRuntime.deleteTargets.dataStays', {
            defaultMessage:
              'The documents already collected from {count, plural, one {this target} other {these targets}} stay in Elasticsearch.',
            values: { count },
          })}
        </p>
      </EuiText>
    </ConfirmDeleteModal>
  );
}
