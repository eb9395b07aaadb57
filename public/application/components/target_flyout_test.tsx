import { EuiButton, EuiCallOut, EuiSpacer } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { TestTargetResponse } from '../../../common/targets';
import { ProfilesStatusBadge } from './profiles_status_badge';

/** The last connection test: its outcome, and the URL it was for (a later edit outdates it). */
export type TestState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running' }
  | { readonly phase: 'done'; readonly url: string; readonly result: TestTargetResponse }
  | { readonly phase: 'refused'; readonly url: string; readonly message: string };

/** Why the last test of this URL failed, in a sentence; undefined when it did not fail. */
export function failedTestReason(test: TestState, url: string): string | undefined {
  if (test.phase === 'refused') return test.url === url ? test.message : undefined;
  if (test.phase !== 'done' || test.result.ok || test.url !== url) return undefined;
  const { error, status } = test.result;
  return error === undefined
    ? `HTTP ${status ?? '?'}`
    : i18n.translate('goRuntime.targetForm.testFailed', {
        defaultMessage: '{class}: {message}',
        values: { class: error.class, message: error.message },
      });
}

/** "Test connection" and its outcome, shown right by the URL it tested. */
export function TestConnection({ test, onTest }: { test: TestState; onTest: () => void }) {
  return (
    <>
      <EuiButton
        size="s"
        iconType="link"
        onClick={onTest}
        isLoading={test.phase === 'running'}
        data-test-subj="goRuntimeTestConnection"
      >
        {i18n.translate('goRuntime.targetForm.test', { defaultMessage: 'Test connection' })}
      </EuiButton>
      {test.phase === 'refused' && (
        <>
          <EuiSpacer size="s" />
          <EuiCallOut
            color="danger"
            size="s"
            title={test.message}
            data-test-subj="goRuntimeTestError"
          />
        </>
      )}
      {test.phase === 'done' && (
        <>
          <EuiSpacer size="s" />
          <EuiCallOut
            color={test.result.ok ? 'success' : 'danger'}
            size="s"
            data-test-subj={test.result.ok ? 'goRuntimeTestOk' : 'goRuntimeTestFailed'}
            title={
              test.result.ok
                ? i18n.translate('goRuntime.targetForm.testOk', {
                    defaultMessage:
                      'HTTP {status} in {latency} ms, {bytes} bytes; memstats {memstats}, {vars} custom vars',
                    values: {
                      status: test.result.status ?? 0,
                      latency: test.result.latency_ms,
                      bytes: test.result.bytes,
                      memstats: test.result.memstats
                        ? i18n.translate('goRuntime.targetForm.present', {
                            defaultMessage: 'present',
                          })
                        : i18n.translate('goRuntime.targetForm.absent', {
                            defaultMessage: 'absent',
                          }),
                      vars: test.result.custom_vars,
                    },
                  })
                : failedTestReason(test, test.url)
            }
          />
          {test.result.profiles !== undefined && (
            <>
              <EuiSpacer size="xs" />
              <ProfilesStatusBadge profiles={test.result.profiles} />
            </>
          )}
        </>
      )}
    </>
  );
}
