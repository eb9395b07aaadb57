import { useMemo, useState } from 'react';
import {
  EuiButton,
  EuiButtonEmpty,
  EuiCallOut,
  EuiFieldText,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFlyout,
  EuiFlyoutBody,
  EuiFlyoutFooter,
  EuiFlyoutHeader,
  EuiForm,
  EuiFormRow,
  EuiInMemoryTable,
  EuiSpacer,
  EuiTextArea,
  EuiTitle,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { isRight } from 'fp-ts/Either';
import { formatValidationErrors } from '../../../common/io_ts_errors';
import { CreateTargetRequest } from '../../../common/targets';
import { errorMessage } from '../api/http_error';
import type { GoRuntimeApi } from '../api/go_runtime_api';
import { parseTargetList, type PastedTarget } from '../target_list';

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

  const create = async () => {
    const requests = parsed.targets.map((target) =>
      CreateTargetRequest.decode({
        name: target.name,
        service_name: serviceName,
        url: target.url,
        interval,
      })
    );
    const invalid = requests.find((request) => !isRight(request));
    if (invalid !== undefined && !isRight(invalid)) {
      setOutcome({ created: 0, failures: [formatValidationErrors(invalid.left)] });
      return;
    }
    setRunning(true);
    // One bulk request (the list holds at most MAX_BULK_CREATE): the server decides
    // duplicates, refusals and the cap for each item and answers per item.
    const failures: string[] = [];
    let created = 0;
    try {
      const result = await api.createTargets(
        requests.flatMap((request) => (isRight(request) ? [request.right] : []))
      );
      created = result.created.length;
      for (const error of result.errors)
        failures.push(`${parsed.targets[error.index]?.url ?? `#${error.index}`}: ${error.message}`);
    } catch (failure) {
      failures.push(errorMessage(failure));
    }
    setRunning(false);
    setOutcome({ created, failures });
    if (created > 0) onDone();
  };

  return (
    <EuiFlyout
      onClose={onClose}
      size="m"
      aria-labelledby="goRuntimeAddManyTitle"
      data-test-subj="goRuntimeAddManyFlyout"
    >
      <EuiFlyoutHeader hasBorder>
        <EuiTitle size="m">
          <h2 id="goRuntimeAddManyTitle">
            {i18n.translate('goRuntime.addMany.title', { defaultMessage: 'Add many targets' })}
          </h2>
        </EuiTitle>
      </EuiFlyoutHeader>
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
          >
            <EuiFieldText
              fullWidth
              value={serviceName}
              onChange={(event) => setServiceName(event.target.value)}
              data-test-subj="goRuntimeAddManyService"
            />
          </EuiFormRow>
          <EuiFormRow
            fullWidth
            label={i18n.translate('goRuntime.addTarget.interval', { defaultMessage: 'Interval' })}
          >
            <EuiFieldText
              fullWidth
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
        <EuiSpacer size="m" />
        <EuiTitle size="xs">
          <h3>
            {i18n.translate('goRuntime.addMany.preview', {
              defaultMessage: 'Preview: {count} targets',
              values: { count: parsed.targets.length },
            })}
          </h3>
        </EuiTitle>
        <EuiInMemoryTable<PastedTarget>
          items={parsed.targets}
          itemId="url"
          pagination={{ pageSizeOptions: [10, 50] }}
          columns={[
            {
              field: 'name',
              name: i18n.translate('goRuntime.targets.column.name', { defaultMessage: 'Name' }),
            },
            {
              field: 'url',
              name: i18n.translate('goRuntime.targets.column.url', { defaultMessage: 'URL' }),
            },
          ]}
          data-test-subj="goRuntimeAddManyPreview"
        />
      </EuiFlyoutBody>
      <EuiFlyoutFooter>
        <EuiFlexGroup justifyContent="spaceBetween">
          <EuiFlexItem grow={false}>
            <EuiButtonEmpty onClick={onClose}>
              {i18n.translate('goRuntime.addMany.close', { defaultMessage: 'Close' })}
            </EuiButtonEmpty>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiButton
              fill
              isLoading={running}
              isDisabled={parsed.targets.length === 0}
              onClick={() => void create()}
              data-test-subj="goRuntimeAddManyCreate"
            >
              {i18n.translate('goRuntime.addMany.create', {
                defaultMessage: 'Create {count} targets',
                values: { count: parsed.targets.length },
              })}
            </EuiButton>
          </EuiFlexItem>
        </EuiFlexGroup>
      </EuiFlyoutFooter>
    </EuiFlyout>
  );
}
