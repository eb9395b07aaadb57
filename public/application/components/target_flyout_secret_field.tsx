import { EuiFieldPassword, EuiFormRow, EuiTextArea } from '@elastic/eui';
import { i18n } from '@kbn/i18n';

// A stored secret is never sent to the browser: its field stays empty and says it is kept.
const STORED_SECRET_HELP = i18n.translate('goRuntime.targetForm.secretStored', {
  defaultMessage: 'Stored, replace? Leave empty to keep it.',
});

/**
 * One secret of a target (password, token, header value, client key): never shown, empty when
 * stored, and saying so; a PEM key is several lines, the others one.
 */
export function SecretField({
  label,
  value,
  onChange,
  stored,
  error,
  multiline = false,
  compressed = false,
  testSubj,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The server holds a value, which an empty field keeps. */
  stored: boolean;
  error?: string;
  multiline?: boolean;
  compressed?: boolean;
  testSubj: string;
}) {
  const isInvalid = error !== undefined;
  return (
    <EuiFormRow
      label={label}
      fullWidth={!compressed}
      display={compressed ? 'rowCompressed' : 'row'}
      helpText={stored ? STORED_SECRET_HELP : undefined}
      isInvalid={isInvalid}
      error={error}
    >
      {multiline ? (
        <EuiTextArea
          fullWidth
          rows={3}
          value={value}
          isInvalid={isInvalid}
          onChange={(event) => onChange(event.target.value)}
          data-test-subj={testSubj}
        />
      ) : (
        <EuiFieldPassword
          type="dual"
          fullWidth={!compressed}
          compressed={compressed}
          value={value}
          isInvalid={isInvalid}
          autoComplete="new-password"
          onChange={(event) => onChange(event.target.value)}
          data-test-subj={testSubj}
        />
      )}
    </EuiFormRow>
  );
}
