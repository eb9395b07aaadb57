import {
  EuiFieldNumber,
  EuiFieldText,
  EuiFormRow,
  EuiSelect,
  EuiCheckboxGroup,
} from '@elastic/eui';
import type { IErrorObject } from '@kbn/triggers-actions-ui-plugin/public';

/** One rule param as the form shows it; the codecs in common/alerting/rule_params.ts decide what is valid. */
export type ParamField =
  | {
      readonly key: string;
      readonly label: string;
      readonly kind: 'select';
      readonly options: ReadonlyArray<{ value: string; text: string }>;
      readonly numeric?: boolean;
    }
  | {
      readonly key: string;
      readonly label: string;
      readonly kind: 'number';
      readonly optional?: boolean;
    }
  | { readonly key: string; readonly label: string; readonly kind: 'numberList' }
  | {
      readonly key: string;
      readonly label: string;
      readonly kind: 'textList';
      readonly optional?: boolean;
    }
  | {
      readonly key: string;
      readonly label: string;
      readonly kind: 'checkboxes';
      readonly options: ReadonlyArray<{ value: string; text: string }>;
    };

const parseList = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');

function errorOf(errors: IErrorObject, key: string): string[] {
  const value = errors[key];
  return typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
}

/** The params expression of a rule type: one EUI row per param, errors under the field they name. */
export function ParamsForm({
  fields,
  params,
  setParam,
  errors,
}: {
  fields: readonly ParamField[];
  params: Record<string, unknown>;
  setParam: (key: string, value: unknown) => void;
  errors: IErrorObject;
}) {
  return (
    <>
      {fields.map((field) => {
        const fieldErrors = errorOf(errors, field.key);
        const value = params[field.key];
        const testSubj = `goRuntimeRuleParam-${field.key}`;
        return (
          <EuiFormRow
            key={field.key}
            label={field.label}
            isInvalid={fieldErrors.length > 0}
            error={fieldErrors}
            fullWidth
          >
            {field.kind === 'select' ? (
              <EuiSelect
                data-test-subj={testSubj}
                fullWidth
                options={[...field.options]}
                value={value === undefined ? '' : String(value)}
                onChange={(event) =>
                  setParam(
                    field.key,
                    field.numeric === true ? Number(event.target.value) : event.target.value
                  )
                }
              />
            ) : field.kind === 'number' ? (
              <EuiFieldNumber
                data-test-subj={testSubj}
                fullWidth
                value={typeof value === 'number' ? value : ''}
                onChange={(event) =>
                  setParam(
                    field.key,
                    event.target.value === '' ? undefined : Number(event.target.value)
                  )
                }
              />
            ) : field.kind === 'checkboxes' ? (
              <EuiCheckboxGroup
                data-test-subj={testSubj}
                options={field.options.map((option) => ({ id: option.value, label: option.text }))}
                idToSelectedMap={Object.fromEntries(
                  ((value as string[] | undefined) ?? []).map((id) => [id, true])
                )}
                onChange={(id) => {
                  const current = new Set((value as string[] | undefined) ?? []);
                  if (current.has(id)) current.delete(id);
                  else current.add(id);
                  setParam(field.key, [...current]);
                }}
              />
            ) : (
              <EuiFieldText
                data-test-subj={testSubj}
                fullWidth
                value={Array.isArray(value) ? value.join(', ') : ''}
                onChange={(event) => {
                  const parts = parseList(event.target.value);
                  if (field.kind === 'numberList') setParam(field.key, parts.map(Number));
                  else setParam(field.key, parts.length === 0 ? undefined : parts);
                }}
              />
            )}
          </EuiFormRow>
        );
      })}
    </>
  );
}
