import { useEffect, useRef, useState, type ReactElement } from 'react';
import {
  EuiButton,
  EuiCallOut,
  EuiConfirmModal,
  EuiFieldText,
  EuiFlyoutBody,
  EuiForm,
  EuiFormRow,
  EuiSelect,
  EuiSpacer,
  EuiSwitch,
  EuiText,
  EuiTextArea,
  EuiTitle,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FlyoutFooter } from './flyout_footer';
import { FlyoutFrame } from './flyout_frame';
import {
  DEFAULT_GOROUTINE_PERIOD,
  DEFAULT_HEAP_PERIOD,
  DEFAULT_PPROF_PATH_PREFIX,
} from '../../../common/profiles';
import type { Target } from '../../../common/targets';
import type { GoRuntimeApi } from '../api/go_runtime_api';
import { errorsOfFailure } from './target_flyout_errors';
import {
  FIELD_ORDER,
  NO_ERRORS,
  saveRequestOf,
  testRequestOf,
  useTargetForm,
  type FormErrors,
  type SaveRequest,
  type SwitchField,
  type TextField,
} from './target_flyout_form';
import { HeaderRows } from './target_flyout_headers';
import { AUTH_OPTIONS, TLS_OPTIONS } from './target_flyout_options';
import { SecretField } from './target_flyout_secret_field';
import { TestConnection, failedTestReason, type TestState } from './target_flyout_test';

/** A warning about what saving the form does; one look for all of them. */
function FormWarning(props: { iconType: string; title: string; 'data-test-subj': string }) {
  return <EuiCallOut size="s" color="warning" {...props} />;
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
  const { form, setText, setSwitch, setRow, removeRow, addRow } = useTargetForm(target);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [isSaving, setSaving] = useState(false);
  const [test, setTest] = useState<TestState>({ phase: 'idle' });
  /** A save the user is asked to confirm, because the last test of its URL failed. */
  const [unconfirmed, setUnconfirmed] = useState<{ request: SaveRequest; reason: string }>();
  // Bumped by a refused save only: a test's outcome must not move the view away from it.
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (focusRequest === 0) return;
    const first = FIELD_ORDER.find((field) => errors.fields[field] !== undefined);
    const element =
      first === undefined
        ? formRef.current?.querySelector<HTMLElement>('[data-test-subj="goRuntimeTargetFormError"]')
        : formRef.current?.querySelector<HTMLElement>(
            `[data-test-subj="goRuntimeTargetForm-${first}"]`
          ) ?? formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    element?.scrollIntoView?.({ block: 'center' });
    element?.focus();
    // Only a new refused save moves the focus; errors alone change as the user fixes them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  const refuse = (refusal: FormErrors) => {
    setErrors(refusal);
    setFocusRequest((n) => n + 1);
  };

  const save = async (request: SaveRequest) => {
    setSaving(true);
    setErrors(NO_ERRORS);
    try {
      onSaved(
        request.kind === 'create'
          ? await api.createTarget(request.body)
          : await api.updateTarget(target?.id ?? '', request.body)
      );
    } catch (failure) {
      refuse(errorsOfFailure(failure));
    } finally {
      setSaving(false);
    }
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const checked = saveRequestOf(form, target);
    if (!checked.ok) return refuse(checked.errors);
    const reason = failedTestReason(test, form.url);
    if (reason !== undefined) return setUnconfirmed({ request: checked.request, reason });
    void save(checked.request);
  };

  const runTest = async () => {
    const checked = testRequestOf(form, target);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    const url = form.url;
    setTest({ phase: 'running' });
    try {
      setTest({ phase: 'done', url, result: await api.testTarget(checked.request) });
    } catch (failure) {
      const refusal = errorsOfFailure(failure);
      // A refusal of a field (a denied address) is shown on that field, beside the button.
      setErrors((previous) => ({ ...previous, fields: { ...previous.fields, ...refusal.fields } }));
      setTest(
        refusal.form === undefined
          ? { phase: 'idle' }
          : { phase: 'refused', url, message: refusal.form }
      );
    }
  };

  // A field's row, and the props its control shares with every other field's control.
  const row = (
    key: TextField,
    label: string,
    helpText: string | undefined,
    control: (props: {
      fullWidth: true;
      value: string;
      onChange: (event: { target: { value: string } }) => void;
      isInvalid: boolean;
      'data-test-subj': string;
    }) => ReactElement
  ) => (
    <EuiFormRow
      label={label}
      helpText={helpText}
      fullWidth
      isInvalid={errors.fields[key] !== undefined}
      error={errors.fields[key]}
    >
      {control({
        fullWidth: true,
        value: form[key],
        onChange: (event) => setText(key, event.target.value),
        isInvalid: errors.fields[key] !== undefined,
        'data-test-subj': `goRuntimeTargetForm-${key}`,
      })}
    </EuiFormRow>
  );
  const text = (key: TextField, label: string, helpText?: string, placeholder?: string) =>
    row(key, label, helpText, (props) => <EuiFieldText {...props} placeholder={placeholder} />);
  const select = (
    key: 'auth' | 'tls',
    label: string,
    options: Array<{ value: string; text: string }>,
    helpText?: string
  ) => row(key, label, helpText, (props) => <EuiSelect {...props} options={options} />);
  const secret = (key: 'password' | 'token' | 'key', label: string, stored: boolean) => (
    <SecretField
      label={label}
      value={form[key]}
      onChange={(value) => setText(key, value)}
      stored={stored}
      error={errors.fields[key]}
      multiline={key === 'key'}
      testSubj={`goRuntimeTargetForm-${key}`}
    />
  );
  const onOff = (key: SwitchField, label: string) => (
    <EuiFormRow fullWidth hasChildLabel={false}>
      <EuiSwitch
        label={label}
        checked={form[key]}
        onChange={(event) => setSwitch(key, event.target.checked)}
        data-test-subj={`goRuntimeTargetForm-${key}`}
      />
    </EuiFormRow>
  );
  const pem = (key: 'ca' | 'certificate', label: string, rows: number, helpText?: string) =>
    row(key, label, helpText, (props) => <EuiTextArea {...props} rows={rows} />);
  const section = (title: string) => (
    <>
      <EuiSpacer size="m" />
      <EuiTitle size="xs">
        <h3>{title}</h3>
      </EuiTitle>
    </>
  );
  const title =
    target === undefined
      ? i18n.translate('goRuntime.addTarget.title', { defaultMessage: 'Add target' })
      : i18n.translate('goRuntime.editTarget.title', {
          defaultMessage: 'Edit target {name}',
          values: { name: target.name },
        });

  return (
    <FlyoutFrame
      titleId="goRuntimeTargetFlyoutTitle"
      title={title}
      size="s"
      onClose={onClose}
      data-test-subj="goRuntimeTargetFlyout"
    >
      <EuiFlyoutBody>
        <EuiForm
          component="form"
          id="goRuntimeTargetForm"
          onSubmit={submit}
          noValidate
          // EuiForm passes the ref on to the <form>.
          {...{ ref: formRef }}
        >
          {errors.form !== undefined && (
            <EuiFormRow fullWidth>
              <EuiCallOut
                color="danger"
                size="s"
                title={errors.form}
                tabIndex={-1}
                data-test-subj="goRuntimeTargetFormError"
              />
            </EuiFormRow>
          )}
          {target?.missing_secrets === true && (
            <EuiFormRow fullWidth>
              <FormWarning
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
            }),
            'http://host:6060/debug/vars'
          )}
          <TestConnection test={test} onTest={() => void runTest()} />
          <EuiSpacer size="m" />
          {text(
            'interval',
            i18n.translate('goRuntime.addTarget.interval', { defaultMessage: 'Interval' }),
            i18n.translate('goRuntime.addTarget.intervalHelp', {
              defaultMessage:
                'How often to scrape: 1s at least, 24h at most, e.g. 10s, 1m or 1h. 0s is not allowed: each scrape briefly stops the Go program.',
            })
          )}

          {section(
            i18n.translate('goRuntime.targetForm.authTitle', { defaultMessage: 'Authentication' })
          )}
          {select(
            'auth',
            i18n.translate('goRuntime.targetForm.authType', { defaultMessage: 'Type' }),
            AUTH_OPTIONS
          )}
          {form.auth === 'basic' &&
            text(
              'username',
              i18n.translate('goRuntime.targetForm.username', { defaultMessage: 'Username' })
            )}
          {form.auth === 'basic' &&
            secret(
              'password',
              i18n.translate('goRuntime.targetForm.password', { defaultMessage: 'Password' }),
              target?.auth.type === 'basic' && target.auth.has_password
            )}
          {form.auth === 'bearer' &&
            secret(
              'token',
              i18n.translate('goRuntime.targetForm.token', { defaultMessage: 'Token' }),
              target?.auth.type === 'bearer' && target.auth.has_token
            )}

          {section(
            i18n.translate('goRuntime.targetForm.headersTitle', { defaultMessage: 'Headers' })
          )}
          <EuiText size="xs" color="subdued">
            {i18n.translate('goRuntime.targetForm.headersHelp', {
              defaultMessage:
                'Sent with every scrape, e.g. X-Api-Key. Values are stored encrypted and never shown again.',
            })}
          </EuiText>
          <EuiSpacer size="s" />
          <HeaderRows
            rows={form.headers}
            error={errors.fields.headers}
            setRow={setRow}
            removeRow={removeRow}
            addRow={addRow}
          />

          {section(i18n.translate('goRuntime.targetForm.tlsTitle', { defaultMessage: 'TLS' }))}
          {select(
            'tls',
            i18n.translate('goRuntime.targetForm.verification', { defaultMessage: 'Verification' }),
            TLS_OPTIONS,
            i18n.translate('goRuntime.targetForm.verificationHelp', {
              defaultMessage:
                'Full checks the certificate chain and the host name; certificate checks only the chain.',
            })
          )}
          {form.tls !== '' &&
            pem(
              'ca',
              i18n.translate('goRuntime.targetForm.ca', {
                defaultMessage: 'Certificate authority (PEM)',
              }),
              4
            )}
          {form.tls !== '' &&
            pem(
              'certificate',
              i18n.translate('goRuntime.targetForm.certificate', {
                defaultMessage: 'Client certificate (PEM, optional)',
              }),
              3,
              i18n.translate('goRuntime.targetForm.certificateHelp', {
                defaultMessage:
                  'Leave empty for no client certificate; emptying it removes it and its key.',
              })
            )}
          {form.tls !== '' &&
            form.certificate.trim() !== '' &&
            secret(
              'key',
              i18n.translate('goRuntime.targetForm.key', { defaultMessage: 'Client key (PEM)' }),
              target?.tls?.has_key === true && target.tls.certificate === form.certificate
            )}
          {target?.tls !== undefined && form.tls === '' && (
            <FormWarning
              iconType="warning"
              data-test-subj="goRuntimeTargetForm-tlsRemoved"
              title={i18n.translate('goRuntime.targetForm.tlsRemoved', {
                defaultMessage:
                  'Saving removes the TLS settings: full verification against the system CAs, no client certificate.',
              })}
            />
          )}

          {section(
            i18n.translate('goRuntime.targetForm.profilesTitle', { defaultMessage: 'Profiles' })
          )}
          <EuiText size="xs" color="subdued">
            {i18n.translate('goRuntime.targetForm.profilesHelp', {
              defaultMessage:
                'Read from the same origin as the URL, where the Go program serves net/http/pprof.',
            })}
          </EuiText>
          <EuiSpacer size="s" />
          {onOff(
            'heap_enabled',
            i18n.translate('goRuntime.targetForm.heapEnabled', {
              defaultMessage: 'Read heap profiles',
            })
          )}
          {form.heap_enabled &&
            text(
              'heap_period',
              i18n.translate('goRuntime.targetForm.heapPeriod', {
                defaultMessage: 'Heap profile period',
              }),
              i18n.translate('goRuntime.targetForm.heapPeriodHelp', {
                defaultMessage:
                  'How often to read the heap profile: 1m at least, 1h at most, e.g. 5m or 30m. Default {period}.',
                values: { period: DEFAULT_HEAP_PERIOD },
              })
            )}
          {onOff(
            'goroutine_enabled',
            i18n.translate('goRuntime.targetForm.goroutineEnabled', {
              defaultMessage: 'Read goroutine dumps',
            })
          )}
          {form.goroutine_enabled &&
            text(
              'goroutine_period',
              i18n.translate('goRuntime.targetForm.goroutinePeriod', {
                defaultMessage: 'Goroutine period',
              }),
              i18n.translate('goRuntime.targetForm.goroutinePeriodHelp', {
                defaultMessage:
                  'How often to read the goroutine dump: 10s at least, 1h at most, e.g. 1m or 5m. Default {period}. Each dump briefly stops the Go program.',
                values: { period: DEFAULT_GOROUTINE_PERIOD },
              })
            )}
          {text(
            'path_prefix',
            i18n.translate('goRuntime.targetForm.pathPrefix', {
              defaultMessage: 'pprof path prefix',
            }),
            i18n.translate('goRuntime.targetForm.pathPrefixHelp', {
              defaultMessage:
                'Where the pprof handlers are mounted: a path starting and ending with /. Default {prefix}.',
              values: { prefix: DEFAULT_PPROF_PATH_PREFIX },
            })
          )}
        </EuiForm>
      </EuiFlyoutBody>
      <FlyoutFooter
        closeLabel={i18n.translate('goRuntime.addTarget.cancel', { defaultMessage: 'Cancel' })}
        onClose={onClose}
      >
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
      </FlyoutFooter>
      {unconfirmed !== undefined && (
        <EuiConfirmModal
          title={i18n.translate('goRuntime.targetForm.failedTestTitle', {
            defaultMessage: 'Save a target whose test failed?',
          })}
          onCancel={() => setUnconfirmed(undefined)}
          onConfirm={() => {
            setUnconfirmed(undefined);
            void save(unconfirmed.request);
          }}
          cancelButtonText={i18n.translate('goRuntime.targetForm.failedTestCancel', {
            defaultMessage: 'Keep editing',
          })}
          confirmButtonText={i18n.translate('goRuntime.targetForm.failedTestConfirm', {
            defaultMessage: 'Save anyway',
          })}
          buttonColor="warning"
          data-test-subj="goRuntimeTargetFormConfirmFailedTest"
        >
          {i18n.translate('goRuntime.targetForm.failedTestBody', {
            defaultMessage: 'The last test failed: {reason}. Save anyway?',
            values: { reason: unconfirmed.reason },
          })}
        </EuiConfirmModal>
      )}
    </FlyoutFrame>
  );
}
