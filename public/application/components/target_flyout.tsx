import { useState } from 'react';
import {
  EuiButton,
  EuiButtonEmpty,
  EuiButtonIcon,
  EuiCallOut,
  EuiFieldPassword,
  EuiFieldText,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFlyout,
  EuiFlyoutBody,
  EuiFlyoutFooter,
  EuiFlyoutHeader,
  EuiForm,
  EuiFormRow,
  EuiSelect,
  EuiSpacer,
  EuiText,
  EuiTextArea,
  EuiTitle,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { isRight } from 'fp-ts/Either';
import { formatValidationErrors } from '../../../common/io_ts_errors';
import { errorMessage } from '../api/http_error';
import {
  CreateTargetRequest,
  TestTargetRequest,
  UpdateTargetRequest,
  type Target,
  type TestTargetResponse,
} from '../../../common/targets';
import type { GoRuntimeApi } from '../api/go_runtime_api';
import { MAX_HEADERS } from '../../../common/target_connection';

// A stored secret is never sent to the browser: its field stays empty and says it is kept.
const STORED_SECRET_HELP = i18n.translate('goRuntime.targetForm.secretStored', {
  defaultMessage: 'Stored, replace? Leave empty to keep it.',
});

type AuthType = 'none' | 'basic' | 'bearer';
type TlsMode = '' | 'full' | 'certificate' | 'none';

/** One header row; `stored`: the server holds its value, and an empty value keeps it. */
interface HeaderRow {
  readonly key: number;
  name: string;
  value: string;
  stored: boolean;
}

interface Form {
  name: string;
  service_name: string;
  url: string;
  interval: string;
  auth: AuthType;
  username: string;
  /** Empty: keep the stored one (when editing). */
  password: string;
  token: string;
  headers: HeaderRow[];
  tls: TlsMode;
  ca: string;
  certificate: string;
  /** Empty: keep the stored one (when editing with a client certificate). */
  key: string;
}

/** The fields that hold text (every field but the header rows). */
type TextField = { [K in keyof Form]: Form[K] extends string ? K : never }[keyof Form];

let nextRowKey = 0;
const headerRow = (name = '', stored = false): HeaderRow => ({
  key: nextRowKey++,
  name,
  value: '',
  stored,
});

function initialForm(target: Target | undefined): Form {
  if (target === undefined) {
    return {
      name: '',
      service_name: '',
      url: 'http://localhost:6060/debug/vars',
      interval: '10s',
      auth: 'none',
      username: '',
      password: '',
      token: '',
      headers: [],
      tls: '',
      ca: '',
      certificate: '',
      key: '',
    };
  }
  return {
    name: target.name,
    service_name: target.service_name,
    url: target.url,
    interval: target.interval,
    auth: target.auth.type,
    username: target.auth.type === 'basic' ? target.auth.username : '',
    password: '',
    token: '',
    headers: Object.entries(target.headers).map(([name, view]) => headerRow(name, view.has_value)),
    tls: target.tls?.verification_mode ?? '',
    ca: target.tls?.ca ?? '',
    certificate: target.tls?.certificate ?? '',
    key: '',
  };
}

/** The connection part of a request: a secret left empty is left out, so the stored one stays. */
function connectionOf(form: Form, target: Target | undefined) {
  const auth =
    form.auth === 'basic'
      ? {
          type: 'basic' as const,
          username: form.username,
          ...(form.password === '' ? {} : { password: form.password }),
        }
      : form.auth === 'bearer'
      ? { type: 'bearer' as const, ...(form.token === '' ? {} : { token: form.token }) }
      : target === undefined
      ? undefined
      : { type: 'none' as const };
  // Editing, the rows are the headers: a row removed is a header removed, an empty value of a
  // stored header keeps it (null).
  const rows = form.headers.filter((row) => row.name.trim() !== '' || row.value !== '');
  const headers =
    rows.length === 0 && (target === undefined || Object.keys(target.headers).length === 0)
      ? undefined
      : Object.fromEntries(
          rows.map((row) => [
            row.name.trim(),
            row.stored && row.value === '' && target !== undefined ? null : row.value,
          ])
        );
  const certificate = form.certificate.trim() === '' ? undefined : form.certificate;
  // "Default" on a target that has TLS settings removes them (null); on a new one, sends none.
  const tls =
    form.tls === ''
      ? target?.tls === undefined
        ? undefined
        : null
      : {
          verification_mode: form.tls,
          ...(form.ca.trim() === '' ? {} : { ca: form.ca }),
          ...(certificate === undefined ? {} : { certificate }),
          ...(certificate === undefined || form.key.trim() === '' ? {} : { key: form.key }),
        };
  return {
    ...(auth === undefined ? {} : { auth }),
    ...(headers === undefined ? {} : { headers }),
    ...(tls === undefined ? {} : { tls }),
  };
}

/** Add or edit a target, with every setting and a connection test that saves nothing. */
export function TargetFlyout({
  api,
  target,
  onClose,
  onSaved,
}: {
  api: GoRuntimeApi;
  /** The target to edit; absent to add one. */
  target?: Target;
  onClose: () => void;
  onSaved: (target: Target) => void;
}) {
  const [form, setForm] = useState<Form>(() => initialForm(target));
  const [error, setError] = useState<string | undefined>();
  const [isSaving, setSaving] = useState(false);
  const [test, setTest] = useState<{
    running: boolean;
    result?: TestTargetResponse;
    error?: string;
  }>({ running: false });

  const set =
    (key: TextField) =>
    (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setForm((previous) => ({ ...previous, [key]: event.target.value }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const { name, service_name, url, interval } = form;
    const body = { name, service_name, url, interval, ...connectionOf(form, target) };
    // The same codecs as the server: the user sees the same message before the round trip.
    const decoded =
      target === undefined
        ? CreateTargetRequest.decode(body)
        : UpdateTargetRequest.decode({ ...body, enabled: target.enabled, version: target.version });
    if (!isRight(decoded)) {
      setError(formatValidationErrors(decoded.left));
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      onSaved(
        target === undefined
          ? await api.createTarget(decoded.right as CreateTargetRequest)
          : await api.updateTarget(target.id, decoded.right as UpdateTargetRequest)
      );
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  };

  const runTest = async () => {
    const decoded = TestTargetRequest.decode({
      url: form.url,
      interval: form.interval,
      ...connectionOf(form, undefined),
    });
    if (!isRight(decoded)) {
      setTest({ running: false, error: formatValidationErrors(decoded.left) });
      return;
    }
    setTest({ running: true });
    try {
      setTest({ running: false, result: await api.testTarget(decoded.right) });
    } catch (failure) {
      setTest({ running: false, error: errorMessage(failure) });
    }
  };

  const setRow = (key: number, change: Partial<HeaderRow>) =>
    setForm((previous) => ({
      ...previous,
      headers: previous.headers.map((row) =>
        row.key !== key
          ? row
          : // A renamed header is a new one: the value stored under the old name does not follow.
            { ...row, ...change, stored: row.stored && (change.name ?? row.name) === row.name }
      ),
    }));
  const removeRow = (key: number) =>
    setForm((previous) => ({
      ...previous,
      headers: previous.headers.filter((row) => row.key !== key),
    }));
  const addRow = () =>
    setForm((previous) => ({ ...previous, headers: [...previous.headers, headerRow()] }));

  const text = (key: TextField, label: string, helpText?: string) => (
    <EuiFormRow label={label} helpText={helpText} fullWidth>
      <EuiFieldText
        value={form[key]}
        onChange={set(key)}
        fullWidth
        data-test-subj={`goRuntimeTargetForm-${key}`}
      />
    </EuiFormRow>
  );
  const secret = (key: 'password' | 'token', label: string, stored: boolean) => (
    <EuiFormRow label={label} fullWidth helpText={stored ? STORED_SECRET_HELP : undefined}>
      <EuiFieldPassword
        type="dual"
        value={form[key]}
        onChange={set(key)}
        fullWidth
        autoComplete="new-password"
        data-test-subj={`goRuntimeTargetForm-${key}`}
      />
    </EuiFormRow>
  );
  const title =
    target === undefined
      ? i18n.translate('goRuntime.addTarget.title', { defaultMessage: 'Add target' })
      : i18n.translate('goRuntime.editTarget.title', {
          defaultMessage: 'Edit target {name}',
          values: { name: target.name },
        });

  return (
    <EuiFlyout
      onClose={onClose}
      size="s"
      aria-labelledby="goRuntimeTargetFlyoutTitle"
      data-test-subj="goRuntimeTargetFlyout"
    >
      <EuiFlyoutHeader hasBorder>
        <EuiTitle size="m">
          <h2 id="goRuntimeTargetFlyoutTitle">{title}</h2>
        </EuiTitle>
      </EuiFlyoutHeader>
      <EuiFlyoutBody>
        <EuiForm component="form" id="goRuntimeTargetForm" onSubmit={submit}>
          {error !== undefined && (
            <EuiFormRow fullWidth>
              <EuiCallOut
                color="danger"
                size="s"
                title={error}
                data-test-subj="goRuntimeTargetFormError"
              />
            </EuiFormRow>
          )}
          {target?.missing_secrets === true && (
            <EuiFormRow fullWidth>
              <EuiCallOut
                color="warning"
                size="s"
                iconType="lock"
                data-test-subj="goRuntimeTargetFormMissingSecrets"
                title={i18n.translate('goRuntime.targetForm.missingSecrets', {
                  defaultMessage:
                    'This target was imported without its secrets, which an export never carries. It is not scraped until you enter them again below and save.',
                })}
              />
            </EuiFormRow>
          )}
          {text(
            'name',
            i18n.translate('goRuntime.addTarget.name', { defaultMessage: 'Name' }),
            i18n.translate('goRuntime.addTarget.nameHelp', {
              defaultMessage: 'Names this instance on charts, e.g. orders-1.',
            })
          )}
          {text(
            'service_name',
            i18n.translate('goRuntime.addTarget.service', { defaultMessage: 'Service name' }),
            i18n.translate('goRuntime.addTarget.serviceHelp', {
              defaultMessage: 'Instances of one service share a dashboard.',
            })
          )}
          {text(
            'url',
            i18n.translate('goRuntime.addTarget.url', { defaultMessage: 'URL' }),
            i18n.translate('goRuntime.addTarget.urlHelp', {
              defaultMessage: 'The expvar endpoint, usually http://host:port/debug/vars.',
            })
          )}
          {text(
            'interval',
            i18n.translate('goRuntime.addTarget.interval', { defaultMessage: 'Interval' }),
            i18n.translate('goRuntime.addTarget.intervalHelp', {
              defaultMessage:
                'How often to scrape, 1s to 24h, e.g. 10s or 1m. Each scrape briefly stops the Go program.',
            })
          )}

          <EuiSpacer size="m" />
          <EuiTitle size="xs">
            <h3>
              {i18n.translate('goRuntime.targetForm.authTitle', {
                defaultMessage: 'Authentication',
              })}
            </h3>
          </EuiTitle>
          <EuiFormRow
            label={i18n.translate('goRuntime.targetForm.authType', { defaultMessage: 'Type' })}
            fullWidth
          >
            <EuiSelect
              fullWidth
              value={form.auth}
              onChange={set('auth')}
              data-test-subj="goRuntimeTargetForm-auth"
              options={[
                {
                  value: 'none',
                  text: i18n.translate('goRuntime.targetForm.authNone', { defaultMessage: 'None' }),
                },
                {
                  value: 'basic',
                  text: i18n.translate('goRuntime.targetForm.authBasic', {
                    defaultMessage: 'Basic (username and password)',
                  }),
                },
                {
                  value: 'bearer',
                  text: i18n.translate('goRuntime.targetForm.authBearer', {
                    defaultMessage: 'Bearer token',
                  }),
                },
              ]}
            />
          </EuiFormRow>
          {form.auth === 'basic' && (
            <>
              {text(
                'username',
                i18n.translate('goRuntime.targetForm.username', { defaultMessage: 'Username' })
              )}
              {secret(
                'password',
                i18n.translate('goRuntime.targetForm.password', { defaultMessage: 'Password' }),
                target?.auth.type === 'basic' && target.auth.has_password
              )}
            </>
          )}
          {form.auth === 'bearer' &&
            secret(
              'token',
              i18n.translate('goRuntime.targetForm.token', { defaultMessage: 'Token' }),
              target?.auth.type === 'bearer' && target.auth.has_token
            )}

          <EuiSpacer size="m" />
          <EuiTitle size="xs">
            <h3>
              {i18n.translate('goRuntime.targetForm.headersTitle', { defaultMessage: 'Headers' })}
            </h3>
          </EuiTitle>
          <EuiText size="xs" color="subdued">
            {i18n.translate('goRuntime.targetForm.headersHelp', {
              defaultMessage:
                'Sent with every scrape, e.g. X-Api-Key. Values are stored encrypted and never shown again.',
            })}
          </EuiText>
          <EuiSpacer size="s" />
          {form.headers.map((row, position) => (
            <EuiFlexGroup
              key={row.key}
              gutterSize="s"
              alignItems="flexStart"
              responsive={false}
              data-test-subj="goRuntimeTargetForm-headerRow"
            >
              <EuiFlexItem>
                <EuiFormRow
                  label={i18n.translate('goRuntime.targetForm.headerName', {
                    defaultMessage: 'Name',
                  })}
                  display="rowCompressed"
                >
                  <EuiFieldText
                    compressed
                    value={row.name}
                    onChange={(event) => setRow(row.key, { name: event.target.value })}
                    data-test-subj={`goRuntimeTargetForm-headerName-${position}`}
                  />
                </EuiFormRow>
              </EuiFlexItem>
              <EuiFlexItem>
                <EuiFormRow
                  label={i18n.translate('goRuntime.targetForm.headerValue', {
                    defaultMessage: 'Value',
                  })}
                  display="rowCompressed"
                  helpText={row.stored ? STORED_SECRET_HELP : undefined}
                >
                  <EuiFieldPassword
                    compressed
                    type="dual"
                    value={row.value}
                    autoComplete="new-password"
                    onChange={(event) => setRow(row.key, { value: event.target.value })}
                    data-test-subj={`goRuntimeTargetForm-headerValue-${position}`}
                  />
                </EuiFormRow>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiFormRow hasEmptyLabelSpace display="rowCompressed">
                  <EuiButtonIcon
                    iconType="trash"
                    color="danger"
                    aria-label={i18n.translate('goRuntime.targetForm.removeHeader', {
                      defaultMessage: 'Remove header {name}',
                      values: { name: row.name },
                    })}
                    onClick={() => removeRow(row.key)}
                    data-test-subj={`goRuntimeTargetForm-headerRemove-${position}`}
                  />
                </EuiFormRow>
              </EuiFlexItem>
            </EuiFlexGroup>
          ))}
          <EuiButtonEmpty
            size="xs"
            iconType="plusInCircle"
            onClick={addRow}
            isDisabled={form.headers.length >= MAX_HEADERS}
            data-test-subj="goRuntimeTargetForm-addHeader"
          >
            {i18n.translate('goRuntime.targetForm.addHeader', { defaultMessage: 'Add header' })}
          </EuiButtonEmpty>

          <EuiSpacer size="m" />
          <EuiTitle size="xs">
            <h3>{i18n.translate('goRuntime.targetForm.tlsTitle', { defaultMessage: 'TLS' })}</h3>
          </EuiTitle>
          <EuiFormRow
            label={i18n.translate('goRuntime.targetForm.verification', {
              defaultMessage: 'Verification',
            })}
            helpText={i18n.translate('goRuntime.targetForm.verificationHelp', {
              defaultMessage:
                'Full checks the certificate chain and the host name; certificate checks only the chain.',
            })}
            fullWidth
          >
            <EuiSelect
              fullWidth
              value={form.tls}
              onChange={set('tls')}
              data-test-subj="goRuntimeTargetForm-tls"
              options={[
                {
                  value: '',
                  text: i18n.translate('goRuntime.targetForm.tlsDefault', {
                    defaultMessage: 'Default (full, system CAs)',
                  }),
                },
                {
                  value: 'full',
                  text: i18n.translate('goRuntime.targetForm.tlsFull', { defaultMessage: 'Full' }),
                },
                {
                  value: 'certificate',
                  text: i18n.translate('goRuntime.targetForm.tlsCertificate', {
                    defaultMessage: 'Certificate',
                  }),
                },
                {
                  value: 'none',
                  text: i18n.translate('goRuntime.targetForm.tlsNone', {
                    defaultMessage: 'None (not verified)',
                  }),
                },
              ]}
            />
          </EuiFormRow>
          {form.tls !== '' && (
            <EuiFormRow
              label={i18n.translate('goRuntime.targetForm.ca', {
                defaultMessage: 'Certificate authority (PEM)',
              })}
              fullWidth
            >
              <EuiTextArea
                fullWidth
                rows={4}
                value={form.ca}
                onChange={set('ca')}
                data-test-subj="goRuntimeTargetForm-ca"
              />
            </EuiFormRow>
          )}
          {form.tls !== '' && (
            <EuiFormRow
              label={i18n.translate('goRuntime.targetForm.certificate', {
                defaultMessage: 'Client certificate (PEM, optional)',
              })}
              helpText={i18n.translate('goRuntime.targetForm.certificateHelp', {
                defaultMessage:
                  'Leave empty for no client certificate; emptying it removes it and its key.',
              })}
              fullWidth
            >
              <EuiTextArea
                fullWidth
                rows={3}
                value={form.certificate}
                onChange={set('certificate')}
                data-test-subj="goRuntimeTargetForm-certificate"
              />
            </EuiFormRow>
          )}
          {form.tls !== '' && form.certificate.trim() !== '' && (
            <EuiFormRow
              label={i18n.translate('goRuntime.targetForm.key', {
                defaultMessage: 'Client key (PEM)',
              })}
              helpText={
                target?.tls?.has_key === true && target.tls.certificate === form.certificate
                  ? STORED_SECRET_HELP
                  : undefined
              }
              fullWidth
            >
              <EuiTextArea
                fullWidth
                rows={3}
                value={form.key}
                onChange={set('key')}
                data-test-subj="goRuntimeTargetForm-key"
              />
            </EuiFormRow>
          )}
          {target?.tls !== undefined && form.tls === '' && (
            <EuiCallOut
              size="s"
              color="warning"
              iconType="warning"
              data-test-subj="goRuntimeTargetForm-tlsRemoved"
              title={i18n.translate('goRuntime.targetForm.tlsRemoved', {
                defaultMessage:
                  'Saving removes the TLS settings: full verification against the system CAs, no client certificate.',
              })}
            />
          )}
          <EuiSpacer size="m" />
          <EuiButton
            size="s"
            iconType="link"
            onClick={() => void runTest()}
            isLoading={test.running}
            data-test-subj="goRuntimeTestConnection"
          >
            {i18n.translate('goRuntime.targetForm.test', { defaultMessage: 'Test connection' })}
          </EuiButton>
          {test.error !== undefined && (
            <>
              <EuiSpacer size="s" />
              <EuiCallOut
                color="danger"
                size="s"
                title={test.error}
                data-test-subj="goRuntimeTestError"
              />
            </>
          )}
          {test.result !== undefined && (
            <>
              <EuiSpacer size="s" />
              <EuiCallOut
                color={test.result.ok ? 'success' : 'danger'}
                size="s"
                data-test-subj={test.result.ok ? 'goRuntimeTestOk' : 'goRuntimeTestFailed'}
                title={
                  test.result.ok
                    ? i18n.translate('goRuntime.targetForm.testOk', {
                        defaultMessage:
                          'HTTP {status} in {latency} ms, {bytes} bytes; memstats {memstats}, {vars} custom vars',
                        values: {
                          status: test.result.status ?? 0,
                          latency: test.result.latency_ms,
                          bytes: test.result.bytes,
                          memstats: test.result.memstats
                            ? i18n.translate('goRuntime.targetForm.present', {
                                defaultMessage: 'present',
                              })
                            : i18n.translate('goRuntime.targetForm.absent', {
                                defaultMessage: 'absent',
                              }),
                          vars: test.result.custom_vars,
                        },
                      })
                    : i18n.translate('goRuntime.targetForm.testFailed', {
                        defaultMessage: '{class}: {message}',
                        values: {
                          class: test.result.error?.class ?? '',
                          message: test.result.error?.message ?? '',
                        },
                      })
                }
              />
            </>
          )}
        </EuiForm>
      </EuiFlyoutBody>
      <EuiFlyoutFooter>
        <EuiFlexGroup justifyContent="spaceBetween">
          <EuiFlexItem grow={false}>
            <EuiButtonEmpty onClick={onClose}>
              {i18n.translate('goRuntime.addTarget.cancel', { defaultMessage: 'Cancel' })}
            </EuiButtonEmpty>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiButton
              type="submit"
              form="goRuntimeTargetForm"
              fill
              isLoading={isSaving}
              data-test-subj="goRuntimeTargetFormSubmit"
            >
              {target === undefined
                ? i18n.translate('goRuntime.addTarget.save', { defaultMessage: 'Add target' })
                : i18n.translate('goRuntime.editTarget.save', { defaultMessage: 'Save' })}
            </EuiButton>
          </EuiFlexItem>
        </EuiFlexGroup>
      </EuiFlyoutFooter>
    </EuiFlyout>
  );
}
