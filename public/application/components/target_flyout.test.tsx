/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, waitFor } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { renderWithEui } from '../../../test/harness/render_eui';
import type { Target } from '../../../common/targets';
import type { GoRuntimeApi } from '../api/go_runtime_api';
import { AddManyFlyout } from './add_many_flyout';
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
/** The EuiFormRow around a field: its label, help and error text. */
const rowOf = (subj: string) => field(subj).closest('.euiFormRow') as HTMLElement;

/** A refusal as `explained` rejects with it: the server's message, the HTTP error as cause. */
function refusal(message: string, attributes: Record<string, unknown>): Error {
  const cause = Object.assign(new Error('Bad Request'), {
    request: {},
    body: { statusCode: 400, message, attributes },
  });
  return new Error(message, { cause });
}
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
    await fill(user, 'url', 'http://localhost:6060/debug/vars');
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

  it('shows a URL placeholder, not a value that would be saved unread', () => {
    renderFlyout();
    expect(field('url')).toHaveValue('');
    expect(field('url')).toHaveAttribute('placeholder', 'http://host:6060/debug/vars');
  });

  it.each([
    ['a URL that is not one', 'url', 'not a url', '[url] is not a valid URL'],
    ['a URL with credentials', 'url', 'http://u:p@h:1/debug/vars', 'must not contain credentials'],
    ['an interval that is not one', 'interval', 'soon', 'must look like "10s"'],
    ['a zero interval', 'interval', '0s', 'must be at least 1s'],
  ])(
    'refuses %s by its field with the server codec message, before any request',
    async (_, key, value, says) => {
      const { api, user } = renderFlyout();
      await fill(user, 'name', 'orders-1');
      await fill(user, 'service_name', 'orders');
      await fill(user, 'url', 'http://orders:6060/debug/vars');
      await fill(user, key, value);
      await submit(user);
      await waitFor(() => expect(field(key)).toHaveAttribute('aria-invalid', 'true'));
      expect(rowOf(key)).toHaveTextContent(says);
      expect(field(key)).toHaveFocus();
      expect(screen.queryByTestId('goRuntimeTargetFormError')).toBeNull();
      expect(api.createTarget).not.toHaveBeenCalled();
    }
  );

  it.each([
    [
      'a denied network',
      {
        reason: 'denied_network',
        field: 'url',
        address: '169.254.169.254',
        network: '169.254.0.0/16',
      },
      '[request body]: [url] is refused: the address 169.254.169.254 is in 169.254.0.0/16, which go_runtime.scrape.deniedNetworks denies',
      '169.254.169.254 is a link-local/metadata address, which this Kibana refuses to scrape (go_runtime.scrape.deniedNetworks)',
    ],
    [
      'a duplicate',
      { reason: 'duplicate', field: 'url', existing: { id: 'x', name: 'orders-0' } },
      'A target for http://orders:6060/debug/vars exists already: [orders-0] (id x); edit that one instead',
      'Target orders-0 scrapes this URL already; edit that one instead',
    ],
  ])(
    'shows %s refused by the server on the URL field, in plain words, focused',
    async (_, attributes, message, says) => {
      const { api, onSaved, user } = renderFlyout();
      api.createTarget.mockRejectedValue(refusal(message, attributes));
      await fill(user, 'name', 'orders-1');
      await fill(user, 'service_name', 'orders');
      await fill(user, 'url', 'http://orders:6060/debug/vars');
      await submit(user);
      await waitFor(() => expect(field('url')).toHaveAttribute('aria-invalid', 'true'));
      expect(rowOf('url')).toHaveTextContent(says);
      expect(field('url')).toHaveFocus();
      expect(screen.queryByTestId('goRuntimeTargetFormError')).toBeNull();
      expect(onSaved).not.toHaveBeenCalled();
    }
  );

  it('refuses a header the scraper sets itself, and a header without a value', async () => {
    const { api, user } = renderFlyout();
    await fill(user, 'name', 'orders-1');
    await fill(user, 'service_name', 'orders');
    await user.click(field('addHeader'));
    await fill(user, 'headerName-0', 'Authorization');
    await fill(user, 'headerValue-0', 'Bearer x');
    await fill(user, 'url', 'http://orders:6060/debug/vars');
    await submit(user);
    await waitFor(() =>
      expect(rowOf('addHeader')).toHaveTextContent(
        'header Authorization is set by the scraper; use auth instead'
      )
    );
    await fill(user, 'headerName-0', 'X-Team');
    await user.clear(field('headerValue-0'));
    await submit(user);
    await waitFor(() =>
      expect(rowOf('addHeader')).toHaveTextContent('[headers.X-Team] must be a non-empty value')
    );
    expect(api.createTarget).not.toHaveBeenCalled();
  });

  it('shows a refusal from the server in the form and stays open', async () => {
    const { api, onSaved, user } = renderFlyout();
    api.createTarget.mockRejectedValue(new Error('A target named orders-1 exists already'));
    await fill(user, 'name', 'orders-1');
    await fill(user, 'service_name', 'orders');
    await fill(user, 'url', 'http://orders:6060/debug/vars');
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
    await waitFor(() =>
      expect(rowOf('addHeader')).toHaveTextContent(
        '[headers.X-Other-Key] must be a non-empty value'
      )
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

describe('TargetFlyout, profiles', () => {
  /** A new target's four fields, so that only the profile fields decide what is sent. */
  async function fillRequired(user: ReturnType<typeof userEvent.setup>) {
    await fill(user, 'name', 'orders-1');
    await fill(user, 'service_name', 'orders');
    await fill(user, 'url', 'http://orders:6060/debug/vars');
  }
  const okTest = {
    ok: true,
    latency_ms: 1,
    bytes: 10,
    memstats: true,
    custom_vars: 0,
    profiles: { status: 'off' },
  };

  it('starts a new target at the defaults, and says the defaults and bounds', () => {
    renderFlyout();
    expect(field('heap_enabled')).toBeChecked();
    expect(field('heap_period')).toHaveValue('5m');
    expect(field('goroutine_enabled')).toBeChecked();
    expect(field('goroutine_period')).toHaveValue('1m');
    expect(field('path_prefix')).toHaveValue('/debug/pprof/');
    expect(rowOf('heap_period')).toHaveTextContent('1m at least, 1h at most');
    expect(rowOf('heap_period')).toHaveTextContent('Default 5m.');
    expect(rowOf('goroutine_period')).toHaveTextContent('10s at least, 1h at most');
    expect(rowOf('goroutine_period')).toHaveTextContent('Default 1m.');
    expect(rowOf('path_prefix')).toHaveTextContent('Default /debug/pprof/.');
  });

  it('saves exactly the periods and path prefix typed', async () => {
    const { api, onSaved, user } = renderFlyout();
    await fillRequired(user);
    await fill(user, 'heap_period', '10m');
    await fill(user, 'goroutine_period', '30s');
    await fill(user, 'path_prefix', '/internal/pprof/');
    await submit(user);
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(api.createTarget.mock.calls[0]![0].profiles).toEqual({
      heap_period: '10m',
      goroutine_period: '30s',
      path_prefix: '/internal/pprof/',
    });
  });

  it('saves "off" for a profile switched off, and hides its period', async () => {
    const { api, onSaved, user } = renderFlyout();
    await fillRequired(user);
    await user.click(field('heap_enabled'));
    await user.click(field('goroutine_enabled'));
    expect(screen.queryByTestId('goRuntimeTargetForm-heap_period')).toBeNull();
    expect(screen.queryByTestId('goRuntimeTargetForm-goroutine_period')).toBeNull();
    await submit(user);
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(api.createTarget.mock.calls[0]![0].profiles).toEqual({
      heap_period: 'off',
      goroutine_period: 'off',
    });
  });

  it.each([
    ['a heap period under 1m', 'heap_period', '30s', 'from 1m to 1h like "5m", got "30s"'],
    ['a heap period over 1h', 'heap_period', '2h', 'from 1m to 1h like "5m", got "2h"'],
    ['a goroutine period under 10s', 'goroutine_period', '5s', 'from 10s to 1h'],
    ['a goroutine period that is none', 'goroutine_period', 'often', 'from 10s to 1h'],
    ['an empty period', 'heap_period', '', 'from 1m to 1h'],
    ['a relative path prefix', 'path_prefix', 'debug/pprof/', 'must be a path starting and'],
  ])(
    'refuses %s by its field with the server codec message, before any request',
    async (_, key, value, says) => {
      const { api, user } = renderFlyout();
      await fillRequired(user);
      await fill(user, key, value);
      await submit(user);
      await waitFor(() => expect(field(key)).toHaveAttribute('aria-invalid', 'true'));
      expect(rowOf(key)).toHaveTextContent(`[profiles.${key}] must be`);
      expect(rowOf(key)).toHaveTextContent(says);
      expect(field(key)).toHaveFocus();
      expect(screen.queryByTestId('goRuntimeTargetFormError')).toBeNull();
      expect(api.createTarget).not.toHaveBeenCalled();
    }
  );

  it('shows a refusal of a profile setting by the server on its field', async () => {
    const { api, onSaved, user } = renderFlyout();
    api.createTarget.mockRejectedValue(
      new Error(
        '[request body]: [profiles.path_prefix] must be a path starting and ending with "/"'
      )
    );
    await fillRequired(user);
    await fill(user, 'path_prefix', '/internal/pprof/');
    await submit(user);
    await waitFor(() => expect(field('path_prefix')).toHaveAttribute('aria-invalid', 'true'));
    expect(rowOf('path_prefix')).toHaveTextContent('[profiles.path_prefix] must be a path');
    expect(screen.queryByTestId('goRuntimeTargetFormError')).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('shows an edited target its stored settings, and sends them back unchanged on save and on test', async () => {
    const profiles = {
      path_prefix: '/internal/pprof/',
      heap_period: '15m',
      goroutine_period: 'off',
    };
    const { api, user } = renderFlyout({ ...storedTarget, profiles });
    expect(field('heap_enabled')).toBeChecked();
    expect(field('heap_period')).toHaveValue('15m');
    expect(field('goroutine_enabled')).not.toBeChecked();
    expect(screen.queryByTestId('goRuntimeTargetForm-goroutine_period')).toBeNull();
    expect(field('path_prefix')).toHaveValue('/internal/pprof/');
    await submit(user);
    expect((await sentUpdate(api)).profiles).toEqual(profiles);
    api.testTarget.mockResolvedValue(okTest);
    await user.click(screen.getByTestId('goRuntimeTestConnection'));
    await waitFor(() => expect(api.testTarget).toHaveBeenCalledTimes(1));
    expect(api.testTarget.mock.calls[0]![0].profiles).toEqual(profiles);
  });

  it('editing, sends the changed settings, and a stored "off" switched back on as its period', async () => {
    const { api, user } = renderFlyout({ ...storedTarget, profiles: { heap_period: 'off' } });
    await user.click(field('heap_enabled'));
    expect(field('heap_period')).toHaveValue('5m');
    await fill(user, 'goroutine_period', '2m');
    await submit(user);
    expect((await sentUpdate(api)).profiles).toEqual({
      heap_period: '5m',
      goroutine_period: '2m',
    });
  });

  it('tests the profile settings in the form, not those stored', async () => {
    const { api, user } = renderFlyout({
      ...storedTarget,
      profiles: { path_prefix: '/internal/pprof/' },
    });
    await fill(user, 'path_prefix', '/pprof/');
    api.testTarget.mockResolvedValue(okTest);
    await user.click(screen.getByTestId('goRuntimeTestConnection'));
    await waitFor(() => expect(api.testTarget).toHaveBeenCalledTimes(1));
    expect(api.testTarget.mock.calls[0]![0].profiles).toEqual({ path_prefix: '/pprof/' });
  });
});

describe('TargetFlyout, testing the connection', () => {
  const failed = {
    ok: false,
    latency_ms: 3,
    bytes: 120,
    memstats: false,
    custom_vars: 0,
    status: 200,
    error: { class: 'parse', message: 'the body is HTML, not expvar JSON' },
  };

  async function fillNew(user: ReturnType<typeof userEvent.setup>) {
    await fill(user, 'name', 'orders-1');
    await fill(user, 'service_name', 'orders');
    await fill(user, 'url', 'http://orders:6060/debug/vars');
  }

  it('asks before saving a target whose last test failed, and saves on "Save anyway"', async () => {
    const { api, onSaved, user } = renderFlyout();
    api.testTarget.mockResolvedValue(failed);
    await fillNew(user);
    await user.click(screen.getByTestId('goRuntimeTestConnection'));
    expect(await screen.findByTestId('goRuntimeTestFailed')).toHaveTextContent(
      'parse: the body is HTML, not expvar JSON'
    );
    await submit(user);
    const modal = await screen.findByTestId('goRuntimeTargetFormConfirmFailedTest');
    expect(modal).toHaveTextContent(
      'The last test failed: parse: the body is HTML, not expvar JSON. Save anyway?'
    );
    expect(api.createTarget).not.toHaveBeenCalled();
    await user.click(screen.getByTestId('confirmModalConfirmButton'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
  });

  it('does not ask once the URL changed since the failed test', async () => {
    const { api, onSaved, user } = renderFlyout();
    api.testTarget.mockResolvedValue(failed);
    await fillNew(user);
    await user.click(screen.getByTestId('goRuntimeTestConnection'));
    await screen.findByTestId('goRuntimeTestFailed');
    await fill(user, 'url', 'http://orders:6061/debug/vars');
    await submit(user);
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(screen.queryByTestId('goRuntimeTargetFormConfirmFailedTest')).toBeNull();
  });

  it('editing, names the target and leaves the stored secrets out for the server to fill in', async () => {
    const { api, user } = renderFlyout(storedTarget);
    api.testTarget.mockResolvedValue({ ...failed, ok: true, error: undefined });
    await user.click(screen.getByTestId('goRuntimeTestConnection'));
    await waitFor(() => expect(api.testTarget).toHaveBeenCalledTimes(1));
    expect(api.testTarget.mock.calls[0]![0]).toEqual({
      url: 'https://orders.internal:6060/debug/vars',
      interval: '10s',
      target_id: 'target-1',
      auth: { type: 'basic', username: 'scraper' },
      headers: { 'X-Api-Key': null },
      tls: { verification_mode: 'full', ca: CA, certificate: CERT },
    });
  });

  it('shows a refused test on the URL field, without a form-wide error', async () => {
    const { api, user } = renderFlyout();
    api.testTarget.mockRejectedValue(
      refusal('[request body]: [url] is refused: ...', {
        reason: 'denied_network',
        field: 'url',
        address: '169.254.169.254',
        network: '169.254.0.0/16',
      })
    );
    await fill(user, 'url', 'http://169.254.169.254/debug/vars');
    await user.click(screen.getByTestId('goRuntimeTestConnection'));
    await waitFor(() => expect(field('url')).toHaveAttribute('aria-invalid', 'true'));
    expect(rowOf('url')).toHaveTextContent('169.254.169.254 is a link-local/metadata address');
    expect(screen.queryByTestId('goRuntimeTargetFormError')).toBeNull();
  });
});

describe('AddManyFlyout, the preview', () => {
  it('classifies each line by the dry run and creates only the lines that pass', async () => {
    const checkTargets = jest.fn().mockResolvedValue({
      total: 4,
      dry_run: true,
      would_create: [{ index: 0 }],
      errors: [
        {
          index: 1,
          status: 400,
          message: '[url] is refused: ...',
          attributes: {
            reason: 'denied_network',
            field: 'url',
            address: '169.254.169.254',
            network: '169.254.0.0/16',
          },
        },
        {
          index: 2,
          status: 409,
          message: 'A target for ... exists already',
          attributes: { reason: 'duplicate', field: 'url', existing: { id: 'x', name: 'old-1' } },
        },
        {
          index: 3,
          status: 409,
          message: 'A target for ... exists already',
          attributes: { reason: 'duplicate_in_request', field: 'url', first_index: 0 },
        },
      ],
    });
    const createTargets = jest.fn().mockResolvedValue({ total: 1, created: [], errors: [] });
    const api = { checkTargets, createTargets } as unknown as GoRuntimeApi;
    renderWithEui(<AddManyFlyout api={api} onClose={jest.fn()} onDone={jest.fn()} />);
    const user = userEvent.setup({
      delay: null,
      pointerEventsCheck: PointerEventsCheckLevel.Never,
    });
    await user.click(screen.getByTestId('goRuntimeAddManyUrls'));
    await user.paste(
      [
        'http://10.0.0.5:6060/debug/vars',
        'http://169.254.169.254/debug/vars',
        'http://10.0.0.6:6060/debug/vars',
        'http://10.0.0.5:6060/debug/vars',
        'not a url at all http://',
      ].join('\n')
    );
    await user.click(screen.getByTestId('goRuntimeAddManyService'));
    await user.paste('orders');
    expect(await screen.findByTestId('goRuntimeAddManyRow-create')).toHaveTextContent(
      'Will be created'
    );
    expect(screen.getByTestId('goRuntimeAddManyRow-refused')).toHaveTextContent(
      '169.254.169.254 is a link-local/metadata address'
    );
    expect(screen.getByTestId('goRuntimeAddManyRow-duplicate')).toHaveTextContent(
      'Target old-1 scrapes this URL already'
    );
    expect(screen.getByTestId('goRuntimeAddManyRow-duplicate_in_list')).toHaveTextContent(
      'Duplicate within the list'
    );
    // The dry run was asked with the service name the rows now carry, and nothing else.
    const lastCheck = checkTargets.mock.calls[checkTargets.mock.calls.length - 1]![0];
    expect(lastCheck).toHaveLength(4);
    expect(screen.getByTestId('goRuntimeAddManyCreate')).toHaveTextContent('Create 1 targets');
    await user.click(screen.getByTestId('goRuntimeAddManyCreate'));
    await waitFor(() => expect(createTargets).toHaveBeenCalledTimes(1));
    expect(createTargets.mock.calls[0]![0]).toEqual([
      {
        name: '10.0.0.5:6060',
        service_name: 'orders',
        url: 'http://10.0.0.5:6060/debug/vars',
        interval: '10s',
      },
    ]);
  });
});
