import { useState } from 'react';
import {
  EuiBasicTable,
  EuiButton,
  EuiCallOut,
  EuiEmptyPrompt,
  EuiFlexGroup,
  EuiFlexItem,
  EuiHealth,
  EuiPageTemplate,
  EuiSpacer,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import type { NotificationsStart } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
import type { TargetWithHealth as Target } from '../../../common/targets';
import type { GoRuntimeApi } from '../api/go_runtime_api';
import { AddTargetFlyout } from '../components/add_target_flyout';
import { TargetHealthBadge } from '../components/target_health_badge';
import { useFetch } from '../hooks/use_fetch';

export function TargetsPage({
  api,
  canSave,
  notifications,
}: {
  api: GoRuntimeApi;
  canSave: boolean;
  notifications: NotificationsStart;
}) {
  const targets = useFetch((signal) => api.listTargets(signal), []);
  const [isFlyoutOpen, setFlyoutOpen] = useState(false);

  const deleteTarget = async (target: Target) => {
    try {
      await api.deleteTarget(target.id);
      notifications.toasts.addSuccess(
        i18n.translate('goRuntime.targets.deleted', { defaultMessage: 'Deleted target {name}', values: { name: target.name } })
      );
      targets.reload();
    } catch (error) {
      notifications.toasts.addError(error as Error, {
        title: i18n.translate('goRuntime.targets.deleteFailed', { defaultMessage: 'Could not delete target {name}', values: { name: target.name } }),
      });
    }
  };

  const columns: Array<EuiBasicTableColumn<Target>> = [
    { field: 'name', name: i18n.translate('goRuntime.targets.column.name', { defaultMessage: 'Name' }) },
    { field: 'service_name', name: i18n.translate('goRuntime.targets.column.service', { defaultMessage: 'Service' }) },
    { field: 'url', name: i18n.translate('goRuntime.targets.column.url', { defaultMessage: 'URL' }), truncateText: true },
    { field: 'interval', name: i18n.translate('goRuntime.targets.column.interval', { defaultMessage: 'Interval' }), width: '100px' },
    {
      field: 'health',
      name: i18n.translate('goRuntime.targets.column.health', { defaultMessage: 'Status' }),
      width: '150px',
      render: (health: Target['health']) => <TargetHealthBadge health={health} />,
    },
    {
      field: 'enabled',
      name: i18n.translate('goRuntime.targets.column.enabled', { defaultMessage: 'Scraping' }),
      width: '120px',
      render: (enabled: boolean) =>
        enabled ? (
          <EuiHealth color="success">{i18n.translate('goRuntime.targets.enabled', { defaultMessage: 'Enabled' })}</EuiHealth>
        ) : (
          <EuiHealth color="subdued">{i18n.translate('goRuntime.targets.disabled', { defaultMessage: 'Disabled' })}</EuiHealth>
        ),
    },
  ];
  if (canSave) {
    columns.push({
      name: i18n.translate('goRuntime.targets.column.actions', { defaultMessage: 'Actions' }),
      width: '80px',
      actions: [
        {
          name: i18n.translate('goRuntime.targets.delete', { defaultMessage: 'Delete' }),
          description: i18n.translate('goRuntime.targets.deleteDescription', { defaultMessage: 'Delete this target' }),
          icon: 'trash',
          type: 'icon',
          color: 'danger',
          onClick: (target: Target) => void deleteTarget(target),
          'data-test-subj': 'goRuntimeDeleteTarget',
        },
      ],
    });
  }

  const addButton = canSave ? (
    <EuiButton iconType="plusInCircle" fill onClick={() => setFlyoutOpen(true)} data-test-subj="goRuntimeAddTarget">
      {i18n.translate('goRuntime.targets.add', { defaultMessage: 'Add target' })}
    </EuiButton>
  ) : null;

  const list = targets.data?.targets;
  return (
    <EuiPageTemplate.Section>
      {!canSave && (
        <>
          <EuiCallOut
            size="s"
            iconType="glasses"
            title={i18n.translate('goRuntime.targets.readOnly', {
              defaultMessage: 'Read only: your role can view targets but not change them.',
            })}
            data-test-subj="goRuntimeReadOnly"
          />
          <EuiSpacer size="m" />
        </>
      )}
      {targets.status === 'error' && (
        <>
          <EuiCallOut
            color="danger"
            iconType="error"
            title={i18n.translate('goRuntime.targets.loadFailed', { defaultMessage: 'Could not load targets' })}
          >
            {targets.error.message}
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      )}
      {list !== undefined && list.length === 0 ? (
        <EuiEmptyPrompt
          iconType="logoGolang"
          data-test-subj="goRuntimeTargetsEmpty"
          title={<h2>{i18n.translate('goRuntime.targets.emptyTitle', { defaultMessage: 'No targets yet' })}</h2>}
          body={i18n.translate('goRuntime.targets.emptyBody', {
            defaultMessage: 'A target is a Go service that serves expvar at /debug/vars. Kibana scrapes it at the interval you choose.',
          })}
          actions={addButton}
        />
      ) : (
        <>
          <EuiFlexGroup justifyContent="flexEnd">
            <EuiFlexItem grow={false}>{addButton}</EuiFlexItem>
          </EuiFlexGroup>
          <EuiSpacer size="m" />
          <EuiBasicTable<Target>
            items={list ?? []}
            columns={columns}
            loading={targets.status === 'loading'}
            itemId="id"
            tableCaption={i18n.translate('goRuntime.targets.caption', { defaultMessage: 'Scrape targets' })}
            data-test-subj="goRuntimeTargetsTable"
          />
        </>
      )}
      {isFlyoutOpen && (
        <AddTargetFlyout
          api={api}
          onClose={() => setFlyoutOpen(false)}
          onCreated={(target) => {
            setFlyoutOpen(false);
            notifications.toasts.addSuccess(
              i18n.translate('goRuntime.targets.created', { defaultMessage: 'Added target {name}', values: { name: target.name } })
            );
            targets.reload();
          }}
        />
      )}
    </EuiPageTemplate.Section>
  );
}
