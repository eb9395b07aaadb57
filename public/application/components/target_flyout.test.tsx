/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, waitFor } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { renderWithEui } from '../../../test/harness/render_eui';
import type { Target } from '../../../common/targets';
import type { GoRuntimeApi } from '../api/go_runtime_api';
import { TargetFlyout } from './target_flyout';

// Each test renders the whole flyout in jsdom: seconds, not the default 5, on a busy machine.
jest.setTimeout(60_000);

const STORED = 'Stored, replace? Leave empty to keep it.';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBclient\n-----END CERTIFICATE-----\n';
const CA = '-----BEGIN CERTIFICATE-----\nMIIBca\n-----END CERTIFICATE-----\n';

/** A target as the API returns it: secrets only as has_* flags, never their values. */
const storedTarget: Target = {
  id: 'target-1',
  version: 'WzEsMV0=',
  name: 'orders-1',
  service_name: 'orders',
  url: 'https://orders.internal:6060/debug/vars',
  interval: '10s',
  enabled: true,
  max_custom_vars: 500,
  cmdline_mode: 'redact',
  auth: { type: 'basic', username: 'scraper', has_password: true },
  headers: { 'X-Api-Key': { has_value: true } },
  tls: { verification_mode: 'full', ca: CA, certificate: CERT, has_key: true },
};

function renderFlyout(target?: Target) {
  const saved: Target = { ...(target ?? storedTarget), id: 'saved' };
  const api = {
    createTarget: jest.fn().mockResolvedValue(saved),
    updateTarget: jest.fn().mockResolvedValue(saved),
    testTarget: jest.fn(),
  };
  const onSaved = jest.fn();
  renderWithEui(
    <TargetFlyout
      api={api as unknown as GoRuntimeApi}
      {...(target === undefined ? {} : { target })}
      onClose={jest.fn()}
      onSaved={onSaved}
    />
  );
  return {
    api,
    onSaved,
    user: userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never }),
  };
}

const field = (subj: string) => screen.getByTestId(`goRuntimeTargetForm-${subj}`);
/** Replaces a field's text as a paste does: one input event, not one render per key. */
async function fill(user: ReturnType<typeof userEvent.setup>, subj: string, value: string) {
  await user.clear(field(subj));
  if (value !== '') {
    await user.click(field(subj));
    await user.paste(value);
  }
}
const submit = (user: ReturnType<typeof userEvent.setup>) =>
  user.click(screen.getByTestId('goRuntimeTargetFormSubmit'));

/** What the form sent to updateTarget, once it did. */
async function sentUpdate(api: ReturnType<typeof renderFlyout>['api']) {
  await waitFor(() => expect(api.updateTarget).toHaveBeenCalledTimes(1));
  const [id, body] = api.updateTarget.mock.calls[0]!;
  expect(id).toBe('target-1');
  return body as Record<string, unknown>;
}

describe('TargetFlyout, adding', () => {
  it('sends the four fields and no auth, headers or TLS it was not given', async () => {
    const { api, onSaved, user } = renderFlyout();
    await fill(user, 'name', 'orders-1');
    await fill(user, 'service_name', 'orders');
    await fill(user, 'interval', '30s');
    await submit(user);
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(api.createTarget).toHaveBeenCalledWith({
      name: 'orders-1',
      service_name: 'orders',
      url: 'http://localhost:6060/debug/vars',
      interval: '30s',
    });
  });

  it.each([
    ['a URL that is not one', 'url', 'not a url', '[url] is not a valid URL'],
    ['a URL with credentials', 'url', 'http://u:p@h:1/debug/vars', 'must not contain credentials'],
    ['an interval that is not one', 'interval', 'soon', 'interval'],
  ])(
    'refuses %s with the server codec message, before any request',
    async (_, key, value, says) => {
      const { api, user } = renderFlyout();
      await fill(user, 'name', 'orders-1');
      await fill(user, 'service_name', 'orders');
      await fill(user, key, value);
      await submit(user);
      expect(await screen.findByTestId('goRuntimeTargetFormError')).toHaveTextContent(says);
      expect(api.createTarget).not.toHaveBeenCalled();
    }
  );

  it('refuses a header the scraper sets itself, and a header without a value', async () => {
    const { api, user } = renderFlyout();
    await fill(user, 'name', 'orders-1');
    await fill(user, 'service_name', 'orders');
    await user.click(field('addHeader'));
    await fill(user, 'headerName-0', 'Authorization');
    await fill(user, 'headerValue-0', 'Bearer x');
    await submit(user);
    expect(await screen.findByTestId('goRuntimeTargetFormError')).toHaveTextContent(
      'header Authorization is set by the scraper; use auth instead'
    );
    await fill(user, 'headerName-0', 'X-Team');
    await user.clear(field('headerValue-0'));
    await submit(user);
    await waitFor(() =>
      expect(screen.getByTestId('goRuntimeTargetFormError')).toHaveTextContent(
        '[headers.X-Team] must be a non-empty value'
      )
    );
    expect(api.createTarget).not.toHaveBeenCalled();
  });

  it('shows a refusal from the server in the form and stays open', async () => {
    const { api, onSaved, user } = renderFlyout();
    api.createTarget.mockRejectedValue(new Error('A target named orders-1 exists already'));
    await fill(user, 'name', 'orders-1');
    await fill(user, 'service_name', 'orders');
    await submit(user);
    expect(await screen.findByTestId('goRuntimeTargetFormError')).toHaveTextContent(
      'A target named orders-1 exists already'
    );
    expect(onSaved).not.toHaveBeenCalled();
  });
});

describe('TargetFlyout, editing: stored secrets', () => {
  it('shows every stored secret as an empty field that says it is kept', () => {
    renderFlyout(storedTarget);
    expect(field('password')).toHaveValue('');
    expect(field('headerName-0')).toHaveValue('X-Api-Key');
    expect(field('headerValue-0')).toHaveValue('');
    expect(field('key')).toHaveValue('');
    // Password, header value and client key.
    expect(screen.getAllByText(STORED)).toHaveLength(3);
  });

  it('saved untouched, sends no secret back: the stored ones are kept', async () => {
    const { api, user } = renderFlyout(storedTarget);
    await submit(user);
    const body = await sentUpdate(api);
    expect(body).toEqual({
      name: 'orders-1',
      service_name: 'orders',
      url: 'https://orders.internal:6060/debug/vars',
      interval: '10s',
      enabled: true,
      version: 'WzEsMV0=',
      auth: { type: 'basic', username: 'scraper' },
      headers: { 'X-Api-Key': null },
      tls: { verification_mode: 'full', ca: CA, certificate: CERT },
    });
  });

  it('sends a secret typed in, which replaces the stored one', async () => {
    const { api, user } = renderFlyout(storedTarget);
    await fill(user, 'password', 'new-password');
    await fill(user, 'headerValue-0', 'new-key');
    await submit(user);
    const body = await sentUpdate(api);
    expect(body.auth).toEqual({ type: 'basic', username: 'scraper', password: 'new-password' });
    expect(body.headers).toEqual({ 'X-Api-Key': 'new-key' });
  });

  it('keeps a stored token by leaving it out', async () => {
    const { api, user } = renderFlyout({
      ...storedTarget,
      auth: { type: 'bearer', has_token: true },
    });
    expect(screen.getAllByText(STORED).length).toBeGreaterThan(0);
    expect(field('token')).toHaveValue('');
    await submit(user);
    expect((await sentUpdate(api)).auth).toEqual({ type: 'bearer' });
  });

  it('does not carry a stored header value over to a renamed header', async () => {
    const { api, user } = renderFlyout(storedTarget);
    await fill(user, 'headerName-0', 'X-Other-Key');
    await submit(user);
    expect(await screen.findByTestId('goRuntimeTargetFormError')).toHaveTextContent(
      '[headers.X-Other-Key] must be a non-empty value'
    );
    expect(api.updateTarget).not.toHaveBeenCalled();
  });

  it('removes a stored header and, on Default, the TLS settings (null), warning first', async () => {
    const { api, user } = renderFlyout(storedTarget);
    await user.click(field('headerRemove-0'));
    expect(screen.queryByTestId('goRuntimeTargetForm-tlsRemoved')).toBeNull();
    await user.selectOptions(field('tls'), '');
    expect(field('tlsRemoved')).toBeInTheDocument();
    await submit(user);
    const body = await sentUpdate(api);
    expect(body.headers).toEqual({});
    expect(body.tls).toBeNull();
  });

  it('asks for the key again when the client certificate changes', async () => {
    const { api, user } = renderFlyout(storedTarget);
    const other = CERT.replace('MIIBclient', 'MIIBother');
    await fill(user, 'certificate', other);
    expect(screen.getAllByText(STORED)).toHaveLength(2);
    await submit(user);
    expect((await sentUpdate(api)).tls).toEqual({
      verification_mode: 'full',
      ca: CA,
      certificate: other,
    });
  });

  it('says nothing is stored for a target imported without its secrets', () => {
    renderFlyout({
      ...storedTarget,
      missing_secrets: true,
      auth: { type: 'basic', username: 'scraper', has_password: false },
      headers: { 'X-Api-Key': { has_value: false } },
      tls: { verification_mode: 'full', certificate: CERT, has_key: false },
    });
    expect(screen.getByTestId('goRuntimeTargetFormMissingSecrets')).toBeInTheDocument();
    expect(screen.queryByText(STORED)).toBeNull();
  });
});
