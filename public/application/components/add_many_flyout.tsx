import { useMemo, useState } from 'react';
import {
  EuiBadge,
  EuiButton,
  EuiCallOut,
  EuiFieldText,
  EuiFlyoutBody,
  EuiForm,
  EuiFormRow,
  EuiInMemoryTable,
  EuiSpacer,
  EuiText,
  EuiTextArea,
  EuiTitle,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FlyoutFooter } from './flyout_footer';
import { FlyoutFrame } from './flyout_frame';
import { errorMessage } from '../api/http_error';
import type { GoRuntimeApi } from '../api/go_runtime_api';
import { parseTargetList } from '../target_list';
import { useAddManyPreview, type PreviewRow, type PreviewStatus } from './add_many_preview';

const STATUS_LABELS: Record<PreviewStatus, { text: string; color: string }> = {
  checking: {
    text: i18n.translate('goRuntime.addMany.status.checking', { defaultMessage: 'Checking…' }),
    color: 'hollow',
  },
  create: {
    text: i18n.translate('goRuntime.addMany.status.create', { defaultMessage: 'Will be created' }),
    color: 'success',
  },
  invalid: {
    text: i18n.translate('goRuntime.addMany.status.invalid', { defaultMessage: 'Invalid' }),
    color: 'danger',
  },
  refused: {
    text: i18n.translate('goRuntime.addMany.status.refused', {
      defaultMessage: 'Refused by network policy',
    }),
    color: 'danger',
  },
  duplicate: {
    text: i18n.translate('goRuntime.addMany.status.duplicate', {
      defaultMessage: 'Duplicate of an existing target',
    }),
    color: 'warning',
  },
  duplicate_in_list: {
    text: i18n.translate('goRuntime.addMany.status.duplicateInList', {
      defaultMessage: 'Duplicate within the list',
    }),
    color: 'warning',
  },
};

/** "Add many": paste URLs or a URL with a port range, see what would be created, create it. */
export function AddManyFlyout({
  api,
  onClose,
  onDone,
}: {
  api: GoRuntimeApi;
  onClose: () => void;
  onDone: () => void;
}) {
  const [text, setText] = useState('');
  const [serviceName, setServiceName] = useState('');
  const [interval, setInterval] = useState('10s');
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<{ created: number; failures: string[] } | undefined>();
  const parsed = useMemo(() => parseTargetList(text), [text]);
  const [generation, setGeneration] = useState(0);
  const preview = useAddManyPreview(api, parsed.targets, serviceName, interval, generation);
  const creatable = preview.rows.filter((row) => row.status === 'create' && row.request);

  const create = async () => {
    setRunning(true);
    // Only the lines the dry run passed; the server checks each again (a target may have been
    // created meanwhile) and answers per item.
    const failures: string[] = [];
    let created = 0;
    try {
      const result = await api.createTargets(creatable.map((row) => row.request!));
      created = result.created.length;
      for (const error of result.errors)
        failures.push(`${creatable[error.index]?.url ?? `#${error.index}`}: ${error.message}`);
    } catch (failure) {
      failures.push(errorMessage(failure));
    }
    setRunning(false);
    setOutcome({ created, failures });
    setGeneration((n) => n + 1);
    if (created > 0) onDone();
  };

  return (
    <FlyoutFrame
      titleId="goRuntimeAddManyTitle"
      title={i18n.translate('goRuntime.addMany.title', { defaultMessage: 'Add many targets' })}
      size="m"
      onClose={onClose}
      data-test-subj="goRuntimeAddManyFlyout"
    >
      <EuiFlyoutBody>
        <EuiForm>
          <EuiFormRow
            fullWidth
            label={i18n.translate('goRuntime.addMany.urls', { defaultMessage: 'URLs' })}
            helpText={i18n.translate('goRuntime.addMany.urlsHelp', {
              defaultMessage:
                'One per line, or a port range such as http://10.0.0.5:6060-6069/debug/vars. Each target is named host:port.',
            })}
          >
            <EuiTextArea
              fullWidth
              rows={6}
              value={text}
              onChange={(event) => setText(event.target.value)}
              data-test-subj="goRuntimeAddManyUrls"
            />
          </EuiFormRow>
          <EuiFormRow
            fullWidth
            label={i18n.translate('goRuntime.addTarget.service', {
              defaultMessage: 'Service name',
            })}
            isInvalid={serviceName !== '' && preview.shared.fields.service_name !== undefined}
            error={preview.shared.fields.service_name}
          >
            <EuiFieldText
              fullWidth
              isInvalid={serviceName !== '' && preview.shared.fields.service_name !== undefined}
              value={serviceName}
              onChange={(event) => setServiceName(event.target.value)}
              data-test-subj="goRuntimeAddManyService"
            />
          </EuiFormRow>
          <EuiFormRow
            fullWidth
            label={i18n.translate('goRuntime.addTarget.interval', { defaultMessage: 'Interval' })}
            isInvalid={preview.shared.fields.interval !== undefined}
            error={preview.shared.fields.interval}
          >
            <EuiFieldText
              fullWidth
              isInvalid={preview.shared.fields.interval !== undefined}
              value={interval}
              onChange={(event) => setInterval(event.target.value)}
              data-test-subj="goRuntimeAddManyInterval"
            />
          </EuiFormRow>
        </EuiForm>
        {parsed.problems.length > 0 && (
          <>
            <EuiSpacer size="m" />
            <EuiCallOut
              color="warning"
              size="s"
              title={parsed.problems.slice(0, 5).join('; ')}
              data-test-subj="goRuntimeAddManyProblems"
            />
          </>
        )}
        {outcome !== undefined && (
          <>
            <EuiSpacer size="m" />
            <EuiCallOut
              color={outcome.failures.length === 0 ? 'success' : 'warning'}
              size="s"
              data-test-subj="goRuntimeAddManyOutcome"
              title={i18n.translate('goRuntime.addMany.outcome', {
                defaultMessage: '{created} created, {failed} refused',
                values: { created: outcome.created, failed: outcome.failures.length },
              })}
            >
              {outcome.failures.slice(0, 10).map((failure) => (
                <p key={failure}>{failure}</p>
              ))}
            </EuiCallOut>
          </>
        )}
        {preview.checkError !== undefined && (
          <>
            <EuiSpacer size="m" />
            <EuiCallOut
              color="danger"
              size="s"
              title={preview.checkError}
              data-test-subj="goRuntimeAddManyCheckError"
            />
          </>
        )}
        <EuiSpacer size="m" />
        <EuiTitle size="xs">
          <h3>
            {i18n.translate('goRuntime.addMany.preview', {
              defaultMessage: 'Preview: {count} targets, {creatable} will be created',
              values: { count: preview.rows.length, creatable: creatable.length },
            })}
          </h3>
        </EuiTitle>
        <EuiInMemoryTable<PreviewRow>
          items={preview.rows}
          itemId="index"
          pagination={{ pageSizeOptions: [10, 50] }}
          rowProps={(row) => ({ 'data-test-subj': `goRuntimeAddManyRow-${row.status}` })}
          columns={[
            {
              field: 'name',
              name: i18n.translate('goRuntime.targets.column.name', { defaultMessage: 'Name' }),
            },
            {
              field: 'url',
              name: i18n.translate('goRuntime.targets.column.url', { defaultMessage: 'URL' }),
            },
            {
              field: 'status',
              name: i18n.translate('goRuntime.addMany.column.status', {
                defaultMessage: 'What happens',
              }),
              render: (status: PreviewStatus, row: PreviewRow) => (
                <span>
                  <EuiBadge color={STATUS_LABELS[status].color}>
                    {STATUS_LABELS[status].text}
                  </EuiBadge>
                  {row.reason !== undefined && <EuiText size="xs">{row.reason}</EuiText>}
                </span>
              ),
            },
          ]}
          data-test-subj="goRuntimeAddManyPreview"
        />
      </EuiFlyoutBody>
      <FlyoutFooter
        closeLabel={i18n.translate('goRuntime.addMany.close', { defaultMessage: 'Close' })}
        onClose={onClose}
      >
        <EuiButton
          fill
          isLoading={running}
          isDisabled={creatable.length === 0}
          onClick={() => void create()}
          data-test-subj="goRuntimeAddManyCreate"
        >
          {i18n.translate('goRuntime.addMany.create', {
            defaultMessage: 'Create {count} targets',
            values: { count: creatable.length },
          })}
        </EuiButton>
      </FlyoutFooter>
    </FlyoutFrame>
  );
}
