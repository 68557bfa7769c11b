import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';

type Suppression = { email: string; reason: string; addedAt: number };

/** The suppression list: addresses never to email, whatever their consent says. Add and remove by hand. */
export function SuppressionsPanel() {
  const [items, setItems] = useState<Suppression[]>([]);
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api()['contacts.suppressions']({}).then((list) => current && setItems(list), (e: unknown) => current && setError(String(e)));
    return () => {
      current = false;
    };
  }, []);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      setItems(await api()['contacts.suppressions']({}));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api()['contacts.suppress']({ email, reason: reason || undefined });
      setEmail('');
      setReason('');
    });
  };

  return (
    <details className="suppressions">
      <summary>Suppression list ({items.length})</summary>
      {error && (
        <p role="alert" className="error-banner">
          {error}
        </p>
      )}
      <form className="inline-form" onSubmit={add}>
        <input aria-label="Address to suppress" type="email" placeholder="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        <input aria-label="Reason" placeholder="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" disabled={!email.trim()}>
          Suppress
        </button>
      </form>
      <table className="table" aria-label="Suppressed addresses">
        <tbody>
          {items.map((s) => (
            <tr key={s.email}>
              <td>{s.email}</td>
              <td>{s.reason}</td>
              <td>{new Date(s.addedAt).toLocaleDateString()}</td>
              <td>
                <button type="button" className="link" aria-label={`Remove ${s.email} from the suppression list`} onClick={() => void run(() => api()['contacts.unsuppress']({ email: s.email }))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
