/** The instance selection and the "by instance" switch, kept in the URL beside the time range. */
export function parseSelection(search: string): { instances: string[]; byInstance: boolean } {
  const params = new URLSearchParams(search);
  return {
    instances: params.getAll('instance').slice(0, 100),
    byInstance: params.get('byInstance') === 'true',
  };
}

export function withSelection(
  search: string,
  selection: { instances?: readonly string[]; byInstance?: boolean }
): string {
  const params = new URLSearchParams(search);
  if (selection.instances !== undefined) {
    params.delete('instance');
    for (const name of selection.instances) params.append('instance', name);
  }
  if (selection.byInstance !== undefined) {
    if (selection.byInstance) params.set('byInstance', 'true');
    else params.delete('byInstance');
  }
  return `?${params.toString()}`;
}

/** A route parameter as the user typed it; a name that is not valid percent-encoding stays as it is. */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
