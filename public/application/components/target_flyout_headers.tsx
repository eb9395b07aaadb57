import {
  EuiButtonEmpty,
  EuiButtonIcon,
  EuiFieldText,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFormRow,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { MAX_HEADERS } from '../../../common/target_connection';
import type { HeaderRow } from './target_flyout_form';
import { SecretField } from './target_flyout_secret_field';

/** The target's headers, a row each: a name, a secret value, and a button that removes it. */
export function HeaderRows({
  rows,
  error,
  setRow,
  removeRow,
  addRow,
}: {
  rows: readonly HeaderRow[];
  error?: string;
  setRow: (key: number, change: Partial<HeaderRow>) => void;
  removeRow: (key: number) => void;
  addRow: () => void;
}) {
  return (
    <>
      {rows.map((row, position) => (
        <EuiFlexGroup
          key={row.key}
          gutterSize="s"
          alignItems="flexStart"
          responsive={false}
          data-test-subj="goRuntimeTargetForm-headerRow"
        >
          <EuiFlexItem>
            <EuiFormRow
              label={i18n.translate('goRuntime.targetForm.headerName', { defaultMessage: 'Name' })}
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
            <SecretField
              compressed
              label={i18n.translate('goRuntime.targetForm.headerValue', {
                defaultMessage: 'Value',
              })}
              value={row.value}
              onChange={(value) => setRow(row.key, { value })}
              stored={row.stored}
              testSubj={`goRuntimeTargetForm-headerValue-${position}`}
            />
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
      {/* Header errors name the header ([headers.X-Team] ...), so they go under all the rows. */}
      <EuiFormRow fullWidth isInvalid={error !== undefined} error={error}>
        <EuiButtonEmpty
          size="xs"
          iconType="plusInCircle"
          onClick={addRow}
          isDisabled={rows.length >= MAX_HEADERS}
          data-test-subj="goRuntimeTargetForm-addHeader"
        >
          {i18n.translate('goRuntime.targetForm.addHeader', { defaultMessage: 'Add header' })}
        </EuiButtonEmpty>
      </EuiFormRow>
    </>
  );
}
