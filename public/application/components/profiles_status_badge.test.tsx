/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { fireEvent, screen } from '@testing-library/react';
import { renderWithEui } from '../../../test/harness/render_eui';
import { DateSettings } from '../../../test/harness/date_settings';
import type { TargetHealth, TestTargetResponse } from '../../../common/targets';
import { TargetHealthBadge } from './target_health_badge';
import { TestConnection } from './target_flyout_test';

jest.setTimeout(60_000);

const NOT_AVAILABLE = {
  status: 'not_available' as const,
  at: '2026-12-03T10:00:00.000Z',
  error: {
    class: 'not_available' as const,
    message:
      'profiles not available: the origin does not serve /debug/pprof/ (import net/http/pprof)',
  },
};

/** The tooltip EUI shows on hover or focus of `anchor`. */
async function tooltipOf(anchor: HTMLElement): Promise<string> {
  fireEvent.mouseOver(anchor);
  fireEvent.focus(anchor);
  return (await screen.findByRole('tooltip')).textContent ?? '';
}

it('shows an up target without pprof as up, with no profiles and the reason one hover away', async () => {
  const health: TargetHealth = {
    status: 'up',
    missed_slots: 0,
    dropped_documents: 0,
    rejected_documents: 0,
    profiles: NOT_AVAILABLE,
  };
  renderWithEui(
    <DateSettings>
      <TargetHealthBadge health={health} />
    </DateSettings>
  );
  expect(screen.getByTestId('goRuntimeTargetHealth-up')).toHaveTextContent('Up');
  const badge = screen.getByTestId('goRuntimeTargetProfiles-not_available');
  expect(badge).toHaveTextContent('No profiles');
  const tip = await tooltipOf(badge);
  expect(tip).toContain('does not serve pprof');
  expect(tip).toContain('not_available');
  expect(tip).toContain('/debug/pprof/ (import net/http/pprof)');
  expect(tip).toContain('Found: Dec 3, 2026');
});

it('shows no profile badge for a health without a profile status (an older Kibana node)', () => {
  renderWithEui(
    <DateSettings>
      <TargetHealthBadge
        health={{ status: 'down', missed_slots: 0, dropped_documents: 0, rejected_documents: 0 }}
      />
    </DateSettings>
  );
  expect(screen.getByTestId('goRuntimeTargetHealth-down')).toBeInTheDocument();
  expect(screen.queryByTestId(/^goRuntimeTargetProfiles-/)).toBeNull();
});

it('says in the connection test result whether profiles are available, and why not', async () => {
  const result: TestTargetResponse = {
    ok: true,
    latency_ms: 3,
    bytes: 2048,
    status: 200,
    memstats: true,
    custom_vars: 0,
    profiles: NOT_AVAILABLE,
  };
  renderWithEui(
    <TestConnection
      test={{ phase: 'done', url: 'http://x/debug/vars', result }}
      onTest={jest.fn()}
    />
  );
  expect(screen.getByTestId('goRuntimeTestOk')).toBeInTheDocument();
  const badge = screen.getByTestId('goRuntimeTargetProfiles-not_available');
  expect(await tooltipOf(badge)).toContain('/debug/pprof/ (import net/http/pprof)');
});

it('says profiles are off when the target turns them off', () => {
  renderWithEui(
    <TestConnection
      test={{
        phase: 'done',
        url: 'http://x/debug/vars',
        result: {
          ok: true,
          latency_ms: 3,
          bytes: 2048,
          memstats: true,
          custom_vars: 0,
          profiles: { status: 'off' },
        },
      }}
      onTest={jest.fn()}
    />
  );
  expect(screen.getByTestId('goRuntimeTargetProfiles-off')).toHaveTextContent('Profiles off');
});
