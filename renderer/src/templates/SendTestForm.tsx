import type { FormEvent } from 'react';
import { useTemplateEditor } from './templateEditorStore.ts';

/**
 * 'Send a test': the template as previewed (same contact, same trigger data) to one address, through the
 * workspace's sender. The subject arrives prefixed "[Test]"; the outcome is said in words either way.
 */
export function SendTestForm() {
  const address = useTemplateEditor((s) => s.testAddress);
  const outcome = useTemplateEditor((s) => s.testSend);
  const { setTestAddress, sendTest } = useTemplateEditor.getState();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void sendTest();
  };
  return (
    <form className="send-test" onSubmit={submit} aria-label="Send a test">
      <label>
        Send a test to{' '}
        <input type="email" value={address} placeholder="you@example.com" onChange={(e) => setTestAddress(e.target.value)} />
      </label>
      <button type="submit" disabled={!address.trim() || outcome?.status === 'sending'}>
        Send test
      </button>
      {outcome && (
        <p role={outcome.status === 'failed' ? 'alert' : 'status'} className={outcome.status === 'failed' ? 'error-banner' : 'send-test-ok'} data-testid="send-test-outcome">
          {outcome.message}
        </p>
      )}
    </form>
  );
}
