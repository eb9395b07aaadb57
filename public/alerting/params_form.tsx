import { useEffect, useState } from 'react';
import { EuiCheckboxGroup, EuiFieldText, EuiFormRow, EuiSelect, EuiSwitch } from '@elastic/eui';
import type { IErrorObject } from '@kbn/triggers-actions-ui-plugin/public';
import { formatMeasure } from '../../common/format_measure';
import { measureInputHelp } from '../../common/measure_input';
import { isShown, isTextField, type ParamField, type TextParamField } from './param_fields';
import { paramWhileInvalid, readTextParam, textOfParam } from './text_params';

type Params = Record<string, unknown>;
type SetParam = (key: string, value: unknown) => void;

function errorOf(errors: IErrorObject, key: string): string[] {
  const value = errors[key];
  return typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
}

const sameParam = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What a measure reads as, under the field: the person sees `0.05` become `5.00 %` before saving. */
function readsAs(field: TextParamField, value: unknown, params: Params): string | undefined {
  if (field.kind !== 'measure' && field.kind !== 'threshold') return undefined;
  const { unit } = field.measure(params);
  const values = Array.isArray(value) ? value : typeof value === 'number' ? [value] : [];
  const read = values.map((v: number) => formatMeasure(v, unit)).join(' and ');
  return `${measureInputHelp(unit)}.${read === '' ? '' : ` Reads as ${read}.`}`;
}

/**
 * A param typed as text. The text is the field's own state: re-rendering from the param on each
 * key would turn `0.` into `0` and `100, ` into `100`. The param follows the text once it reads
 * (and again when the unit changes with the metric); until then it holds the text, which the
 * rule's validate refuses, so the rule cannot be saved with the last value that did read.
 */
function TextParamRow({
  field,
  params,
  setParam,
  rowProps,
  testSubj,
}: {
  field: TextParamField;
  params: Params;
  setParam: SetParam;
  rowProps: { label: string; error: string[]; fullWidth: boolean };
  testSubj: string;
}) {
  const [text, setText] = useState(() => textOfParam(field, params[field.key], params));
  const read = readTextParam(field, text, params);
  const next = read.ok ? read.value : paramWhileInvalid(text);
  const current = params[field.key];
  useEffect(() => {
    if (!sameParam(next, current)) setParam(field.key, next);
  }, [next, current, field.key, setParam]);
  // An empty required field is told on save, with the flyout's errors, not while typing.
  const ownError = !read.ok && text.trim() !== '' ? read.error : undefined;
  const errors = ownError === undefined ? rowProps.error : [ownError];
  return (
    <EuiFormRow
      label={rowProps.label}
      fullWidth={rowProps.fullWidth}
      isInvalid={errors.length > 0}
      error={errors}
      helpText={readsAs(field, read.ok ? read.value : undefined, params)}
    >
      <EuiFieldText
        data-test-subj={testSubj}
        fullWidth
        isInvalid={errors.length > 0}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </EuiFormRow>
  );
}

/** The params expression of a rule type: one EUI row per param, errors under the field they name. */
export function ParamsForm({
  fields,
  params,
  setParam,
  errors,
  unavailable,
}: {
  fields: readonly ParamField[];
  params: Params;
  setParam: SetParam;
  errors: IErrorObject;
  /** Why a select's option cannot be had with the other params (e.g. no chosen service reports the metric). */
  unavailable?: (key: string, value: string) => string | undefined;
}) {
  const shown = fields.filter((field) => isShown(field, params));
  // A field another param hides (another condition's) leaves nothing behind to be refused.
  useEffect(() => {
    for (const field of fields)
      if (!isShown(field, params) && params[field.key] !== undefined)
        setParam(field.key, undefined);
  }, [fields, params, setParam]);
  return (
    <>
      {shown.map((field) => {
        const fieldErrors = errorOf(errors, field.key);
        const value = params[field.key];
        const testSubj = `goRuntimeRuleParam-${field.key}`;
        const rowProps = {
          label: field.label,
          isInvalid: fieldErrors.length > 0,
          error: fieldErrors,
          fullWidth: true,
        };
        if (isTextField(field))
          return (
            <TextParamRow
              key={field.key}
              field={field}
              params={params}
              setParam={setParam}
              rowProps={rowProps}
              testSubj={testSubj}
            />
          );
        // The chosen option may have become unavailable since (the services changed): said, not hidden.
        const chosenUnavailable =
          field.kind === 'select' && value !== undefined
            ? unavailable?.(field.key, String(value))
            : undefined;
        return (
          <EuiFormRow key={field.key} {...rowProps} helpText={chosenUnavailable}>
            {field.kind === 'select' ? (
              <EuiSelect
                data-test-subj={testSubj}
                fullWidth
                options={field.options.map((option) => {
                  const why = unavailable?.(field.key, option.value);
                  return why === undefined
                    ? option
                    : { ...option, text: `${option.text} — ${why}`, disabled: true };
                })}
                value={value === undefined ? '' : String(value)}
                onChange={(event) =>
                  setParam(
                    field.key,
                    field.numeric === true ? Number(event.target.value) : event.target.value
                  )
                }
              />
            ) : field.kind === 'switch' ? (
              <EuiSwitch
                data-test-subj={testSubj}
                label={field.label}
                showLabel={false}
                checked={value === true}
                onChange={(event) => setParam(field.key, event.target.checked)}
              />
            ) : (
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
            )}
          </EuiFormRow>
        );
      })}
    </>
  );
}
