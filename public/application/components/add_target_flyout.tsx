import { useState } from 'react';
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
  EuiTitle,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { isRight } from 'fp-ts/Either';
import { formatValidationErrors } from '../../../common/io_ts_errors';
import { errorMessage } from '../api/http_error';
import { CreateTargetRequest, type Target } from '../../../common/targets';
import type { GoRuntimeApi } from '../api/go_runtime_api';

interface Form {
  name: string;
  service_name: string;
  url: string;
  interval: string;
}

export function AddTargetFlyout({
  api,
  onClose,
  onCreated,
}: {
  api: GoRuntimeApi;
  onClose: () => void;
  onCreated: (target: Target) => void;
}) {
  const [form, setForm] = useState<Form>({ name: '', service_name: '', url: 'http://localhost:6060/debug/vars', interval: '10s' });
  const [error, setError] = useState<string | undefined>();
  const [isSaving, setSaving] = useState(false);

  const update = (key: keyof Form) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setForm((previous) => ({ ...previous, [key]: event.target.value }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    // The same codec as the server: the user sees the same message before the round trip.
    const decoded = CreateTargetRequest.decode(form);
    if (!isRight(decoded)) {
      setError(formatValidationErrors(decoded.left));
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      onCreated(await api.createTarget(decoded.right));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  };

  const field = (key: keyof Form, label: string, helpText: string) => (
    <EuiFormRow label={label} helpText={helpText} fullWidth>
      <EuiFieldText value={form[key]} onChange={update(key)} fullWidth data-test-subj={`goRuntimeTargetForm-${key}`} />
    </EuiFormRow>
  );

  return (
    <EuiFlyout onClose={onClose} size="s" aria-labelledby="goRuntimeAddTargetTitle">
      <EuiFlyoutHeader hasBorder>
        <EuiTitle size="m">
          <h2 id="goRuntimeAddTargetTitle">{i18n.translate('goRuntime.addTarget.title', { defaultMessage: 'Add target' })}</h2>
        </EuiTitle>
      </EuiFlyoutHeader>
      <EuiFlyoutBody>
        <EuiForm component="form" id="goRuntimeAddTargetForm" onSubmit={submit}>
          {error !== undefined && (
            <EuiFormRow fullWidth>
              <EuiCallOut color="danger" size="s" title={error} data-test-subj="goRuntimeTargetFormError" />
            </EuiFormRow>
          )}
          {field('name', i18n.translate('goRuntime.addTarget.name', { defaultMessage: 'Name' }), i18n.translate('goRuntime.addTarget.nameHelp', { defaultMessage: 'Names this instance on charts, e.g. orders-1.' }))}
          {field('service_name', i18n.translate('goRuntime.addTarget.service', { defaultMessage: 'Service name' }), i18n.translate('goRuntime.addTarget.serviceHelp', { defaultMessage: 'Instances of one service share a dashboard.' }))}
          {field('url', i18n.translate('goRuntime.addTarget.url', { defaultMessage: 'URL' }), i18n.translate('goRuntime.addTarget.urlHelp', { defaultMessage: 'The expvar endpoint, usually http://host:port/debug/vars.' }))}
          {field('interval', i18n.translate('goRuntime.addTarget.interval', { defaultMessage: 'Interval' }), i18n.translate('goRuntime.addTarget.intervalHelp', { defaultMessage: 'How often to scrape, 1s to 24h, e.g. 10s or 1m. Each scrape briefly stops the Go program.' }))}
        </EuiForm>
      </EuiFlyoutBody>
      <EuiFlyoutFooter>
        <EuiFlexGroup justifyContent="spaceBetween">
          <EuiFlexItem grow={false}>
            <EuiButtonEmpty onClick={onClose}>{i18n.translate('goRuntime.addTarget.cancel', { defaultMessage: 'Cancel' })}</EuiButtonEmpty>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiButton type="submit" form="goRuntimeAddTargetForm" fill isLoading={isSaving} data-test-subj="goRuntimeTargetFormSubmit">
              {i18n.translate('goRuntime.addTarget.save', { defaultMessage: 'Add target' })}
            </EuiButton>
          </EuiFlexItem>
        </EuiFlexGroup>
      </EuiFlyoutFooter>
    </EuiFlyout>
  );
}
