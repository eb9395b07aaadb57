import { useState } from 'react';
import {
  EuiBadge,
  EuiBasicTable,
  EuiButton,
  EuiCallOut,
  EuiEmptyPrompt,
  EuiFieldSearch,
  EuiFlexGroup,
  EuiFlexItem,
  EuiPageTemplate,
  EuiSpacer,
  EuiSwitch,
  EuiText,
  EuiToolTip,
  type CriteriaWithPagination,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import type { NotificationsStart } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
import type { TargetSortField, TargetWithHealth as Target } from '../../../common/targets';
import type { GoRuntimeApi } from '../api/go_runtime_api';
import { RequiresAll, SaveButton } from '../access/requires_all';
import { EditDeleteActions } from '../access/row_actions';
import { TargetFlyout } from '../components/target_flyout';
import { AddManyFlyout } from '../components/add_many_flyout';
import { DeleteTargetsModal, type SomeTargets } from '../components/delete_targets_modal';
import { TargetHealthBadge } from '../components/target_health_badge';
import { useFetch } from '../hooks/use_fetch';
import { formatAge } from '../format_age';

const SORTABLE = new Set<string>(['name', 'service_name', 'url', 'enabled']);
/** Health and ages move while the page is open. */
const REFRESH_MS = 10_000;

export function TargetsPage({
  api,
  canSave,
  notifications,
}: {
  api: GoRuntimeApi;
  canSave: boolean;
  notifications: NotificationsStart;
}) {
  const [query, setQuery] = useState<{
    page: number;
    perPage: number;
    search: string;
    sortField: TargetSortField;
    sortOrder: 'asc' | 'desc';
  }>({
    page: 0,
    perPage: 20,
    search: '',
    sortField: 'name',
    sortOrder: 'asc',
  });
  // Paged, searched and sorted by the server: a space may hold 10,000 targets.
  const targets = useFetch(
    (signal) =>
      api.listTargets(signal, {
        page: query.page + 1,
        per_page: query.perPage,
        sort_field: query.sortField,
        sort_order: query.sortOrder,
        ...(query.search.trim() === '' ? {} : { search: query.search.trim() }),
      }),
    [query.page, query.perPage, query.search, query.sortField, query.sortOrder],
    REFRESH_MS
  );
  const [flyout, setFlyout] = useState<{ target?: Target } | undefined>();
  const [selected, setSelected] = useState<Target[]>([]);
  const [isAddManyOpen, setAddMany] = useState(false);
  // A deletion waits here for the user's confirmation: which targets, and how to delete them.
  const [pendingDelete, setPendingDelete] = useState<
    { targets: SomeTargets; run: () => Promise<void> } | undefined
  >();
  const [isDeleting, setDeleting] = useState(false);

  const failed = (title: string) => (error: unknown) =>
    notifications.toasts.addError(error as Error, { title });

  const deleteTarget = async (target: Target) => {
    try {
      await api.deleteTarget(target.id);
      notifications.toasts.addSuccess(
        i18n.translate('goRuntime.targets.deleted', {
          defaultMessage: 'Deleted target {name}',
          values: { name: target.name },
        })
      );
      targets.reload();
    } catch (error) {
      failed(
        i18n.translate('goRuntime.targets.deleteFailed', {
          defaultMessage: 'Could not delete target {name}',
          values: { name: target.name },
        })
      )(error);
    }
  };

  const toggle = async (target: Target, enabled: boolean) => {
    try {
      await api.setEnabled(target.id, enabled);
      targets.reload();
    } catch (error) {
      failed(
        i18n.translate('goRuntime.targets.toggleFailed', {
          defaultMessage: 'Could not change target {name}',
          values: { name: target.name },
        })
      )(error);
    }
  };

  const bulk = async (action: 'delete' | 'enable' | 'disable') => {
    try {
      const result = await api.bulk(
        action,
        selected.map((target) => target.id)
      );
      if (result.errors.length > 0) {
        notifications.toasts.addWarning({
          title: i18n.translate('goRuntime.targets.bulkPartial', {
            defaultMessage:
              '{failed} of {total, plural, one {# target} other {# targets}} could not be changed',
            values: { failed: result.errors.length, total: result.total },
          }),
          text: result.errors
            .slice(0, 5)
            .map((error) => error.message)
            .join('\n'),
        });
      } else {
        notifications.toasts.addSuccess(
          i18n.translate('goRuntime.targets.bulkDone', {
            defaultMessage: '{count, plural, one {# target changed} other {# targets changed}}',
            values: { count: result.succeeded.length },
          })
        );
      }
      setSelected([]);
      targets.reload();
    } catch (error) {
      failed(
        i18n.translate('goRuntime.targets.bulkFailed', {
          defaultMessage: 'Could not change the selected targets',
        })
      )(error);
    }
  };

  const confirmDelete = async () => {
    if (pendingDelete === undefined) return;
    setDeleting(true);
    try {
      await pendingDelete.run();
    } finally {
      setDeleting(false);
      setPendingDelete(undefined);
    }
  };
  const askToDelete = (chosen: Target[], run: () => Promise<void>) => {
    const [first, ...others] = chosen;
    if (first !== undefined) setPendingDelete({ targets: [first, ...others], run });
  };

  const columns: Array<EuiBasicTableColumn<Target>> = [
    {
      field: 'name',
      name: i18n.translate('goRuntime.targets.column.name', { defaultMessage: 'Name' }),
      sortable: true,
    },
    {
      field: 'service_name',
      name: i18n.translate('goRuntime.targets.column.service', { defaultMessage: 'Service' }),
      sortable: true,
    },
    {
      field: 'url',
      name: i18n.translate('goRuntime.targets.column.url', { defaultMessage: 'URL' }),
      truncateText: true,
      sortable: true,
    },
    {
      field: 'interval',
      name: i18n.translate('goRuntime.targets.column.interval', { defaultMessage: 'Interval' }),
      width: '80px',
    },
    {
      field: 'health',
      name: i18n.translate('goRuntime.targets.column.health', { defaultMessage: 'Status' }),
      width: '140px',
      render: (health: Target['health'], target: Target) => (
        <EuiFlexGroup direction="column" gutterSize="xs" alignItems="flexStart" responsive={false}>
          <EuiFlexItem grow={false}>
            <TargetHealthBadge health={health} />
          </EuiFlexItem>
          {target.missing_secrets === true && (
            <EuiFlexItem grow={false}>
              <EuiToolTip
                content={i18n.translate('goRuntime.targets.missingSecretsHelp', {
                  defaultMessage:
                    'Imported without its secrets, which an export never carries: it is not scraped until you edit it (pencil) and enter them again.',
                })}
              >
                <EuiBadge
                  color="warning"
                  iconType="lock"
                  data-test-subj="goRuntimeTargetMissingSecrets"
                >
                  {i18n.translate('goRuntime.targets.missingSecrets', {
                    defaultMessage: 'Secrets missing',
                  })}
                </EuiBadge>
              </EuiToolTip>
            </EuiFlexItem>
          )}
        </EuiFlexGroup>
      ),
    },
    {
      field: 'health',
      name: i18n.translate('goRuntime.targets.column.lastScrape', {
        defaultMessage: 'Last scrape',
      }),
      width: '110px',
      render: (health: Target['health']) => (
        <EuiText size="s" data-test-subj="goRuntimeTargetLastScrape">
          {health?.last_scrape_at === undefined
            ? '—'
            : formatAge(Date.now() - Date.parse(health.last_scrape_at))}
        </EuiText>
      ),
    },
    {
      field: 'health',
      name: i18n.translate('goRuntime.targets.column.duration', { defaultMessage: 'Duration' }),
      width: '90px',
      render: (health: Target['health']) =>
        health?.duration_ms === undefined ? '—' : `${health.duration_ms} ms`,
    },
    {
      field: 'enabled',
      name: i18n.translate('goRuntime.targets.column.enabled', { defaultMessage: 'Scraping' }),
      width: '90px',
      sortable: true,
      render: (enabled: boolean, target: Target) => (
        <RequiresAll canSave={canSave}>
          <EuiSwitch
            compressed
            showLabel={false}
            label={i18n.translate('goRuntime.targets.enabledLabel', {
              defaultMessage: 'Scrape {name}',
              values: { name: target.name },
            })}
            checked={enabled}
            disabled={!canSave}
            onChange={(event) => void toggle(target, event.target.checked)}
            data-test-subj="goRuntimeTargetEnabled"
          />
        </RequiresAll>
      ),
    },
    {
      // Shown to read-only users too, disabled, so that the tooltip can say why.
      name: i18n.translate('goRuntime.targets.column.actions', { defaultMessage: 'Actions' }),
      width: '80px',
      render: (target: Target) => (
        <EditDeleteActions
          canSave={canSave}
          edit={{
            label: i18n.translate('goRuntime.targets.editDescription', {
              defaultMessage: 'Edit this target',
            }),
            onClick: () => setFlyout({ target }),
            testSubj: 'goRuntimeEditTarget',
          }}
          remove={{
            label: i18n.translate('goRuntime.targets.deleteDescription', {
              defaultMessage: 'Delete this target',
            }),
            onClick: () => askToDelete([target], () => deleteTarget(target)),
            testSubj: 'goRuntimeDeleteTarget',
          }}
        />
      ),
    },
  ];

  const addButton = (
    <EuiFlexGroup gutterSize="s" responsive={false}>
      <EuiFlexItem grow={false}>
        <SaveButton
          canSave={canSave}
          iconType="listAdd"
          onClick={() => setAddMany(true)}
          data-test-subj="goRuntimeAddMany"
        >
          {i18n.translate('goRuntime.targets.addMany', { defaultMessage: 'Add many' })}
        </SaveButton>
      </EuiFlexItem>
      <EuiFlexItem grow={false}>
        <SaveButton
          canSave={canSave}
          iconType="plusInCircle"
          fill
          onClick={() => setFlyout({})}
          data-test-subj="goRuntimeAddTarget"
        >
          {i18n.translate('goRuntime.targets.add', { defaultMessage: 'Add target' })}
        </SaveButton>
      </EuiFlexItem>
    </EuiFlexGroup>
  );

  const list = targets.data?.targets;
  const total = targets.data?.total ?? 0;
  const nothingAtAll = list !== undefined && total === 0 && query.search.trim() === '';
  const count = selected.length;
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
            title={i18n.translate('goRuntime.targets.loadFailed', {
              defaultMessage: 'Could not load targets',
            })}
          >
            {targets.error.message}
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      )}
      {nothingAtAll ? (
        <EuiEmptyPrompt
          iconType="logoGolang"
          data-test-subj="goRuntimeTargetsEmpty"
          title={
            <h2>
              {i18n.translate('goRuntime.targets.emptyTitle', { defaultMessage: 'No targets yet' })}
            </h2>
          }
          body={i18n.translate('goRuntime.targets.emptyBody', {
            defaultMessage:
              'A target is a Go service that serves expvar at /debug/vars. Kibana scrapes it at the interval you choose.',
          })}
          actions={addButton}
        />
      ) : (
        <>
          <EuiFlexGroup alignItems="center" gutterSize="m">
            <EuiFlexItem>
              <EuiFieldSearch
                fullWidth
                incremental
                placeholder={i18n.translate('goRuntime.targets.search', {
                  defaultMessage: 'Search names, services and URLs',
                })}
                onSearch={(search) => setQuery((previous) => ({ ...previous, search, page: 0 }))}
                data-test-subj="goRuntimeTargetsSearch"
              />
            </EuiFlexItem>
            {canSave &&
              count > 0 &&
              [
                {
                  subj: 'goRuntimeBulkEnable',
                  run: () => void bulk('enable'),
                  label: i18n.translate('goRuntime.targets.bulkEnable', {
                    defaultMessage: 'Enable {count}',
                    values: { count },
                  }),
                },
                {
                  subj: 'goRuntimeBulkDisable',
                  run: () => void bulk('disable'),
                  label: i18n.translate('goRuntime.targets.bulkDisable', {
                    defaultMessage: 'Disable {count}',
                    values: { count },
                  }),
                },
                {
                  subj: 'goRuntimeBulkDelete',
                  danger: true,
                  run: () => askToDelete(selected, () => bulk('delete')),
                  label: i18n.translate('goRuntime.targets.bulkDelete', {
                    defaultMessage: 'Delete {count}',
                    values: { count },
                  }),
                },
              ].map(({ subj, danger, run, label }) => (
                <EuiFlexItem grow={false} key={subj}>
                  <EuiButton
                    size="s"
                    color={danger === true ? 'danger' : 'primary'}
                    onClick={run}
                    data-test-subj={subj}
                  >
                    {label}
                  </EuiButton>
                </EuiFlexItem>
              ))}
            <EuiFlexItem grow={false}>{addButton}</EuiFlexItem>
          </EuiFlexGroup>
          <EuiSpacer size="m" />
          <EuiBasicTable<Target>
            items={list ?? []}
            columns={columns}
            loading={targets.status === 'loading'}
            itemId="id"
            tableCaption={i18n.translate('goRuntime.targets.caption', {
              defaultMessage: 'Scrape targets',
            })}
            noItemsMessage={i18n.translate('goRuntime.targets.noMatch', {
              defaultMessage: 'No target matches the search',
            })}
            pagination={{
              pageIndex: query.page,
              pageSize: query.perPage,
              totalItemCount: total,
              pageSizeOptions: [20, 50, 100],
            }}
            sorting={{ sort: { field: query.sortField, direction: query.sortOrder } }}
            {...(canSave ? { selection: { onSelectionChange: setSelected, selected } } : {})}
            onChange={({ page, sort }: CriteriaWithPagination<Target>) =>
              setQuery((previous) => ({
                ...previous,
                page: page.index,
                perPage: page.size,
                ...(sort !== undefined && SORTABLE.has(String(sort.field))
                  ? { sortField: sort.field as TargetSortField, sortOrder: sort.direction }
                  : {}),
              }))
            }
            data-test-subj="goRuntimeTargetsTable"
          />
        </>
      )}
      {pendingDelete !== undefined && (
        <DeleteTargetsModal
          targets={pendingDelete.targets}
          isDeleting={isDeleting}
          onCancel={() => !isDeleting && setPendingDelete(undefined)}
          onConfirm={() => void confirmDelete()}
        />
      )}
      {isAddManyOpen && (
        <AddManyFlyout
          api={api}
          onClose={() => setAddMany(false)}
          onDone={() => targets.reload()}
        />
      )}
      {flyout !== undefined && (
        <TargetFlyout
          api={api}
          {...(flyout.target === undefined ? {} : { target: flyout.target })}
          onClose={() => setFlyout(undefined)}
          onSaved={(target) => {
            setFlyout(undefined);
            notifications.toasts.addSuccess(
              flyout.target === undefined
                ? i18n.translate('goRuntime.targets.created', {
                    defaultMessage: 'Added target {name}',
                    values: { name: target.name },
                  })
                : i18n.translate('goRuntime.targets.updated', {
                    defaultMessage: 'Saved target {name}',
                    values: { name: target.name },
                  })
            );
            targets.reload();
          }}
        />
      )}
    </EuiPageTemplate.Section>
  );
}
