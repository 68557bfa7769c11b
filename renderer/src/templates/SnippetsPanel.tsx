import { useEffect, useState, type FormEvent } from 'react';
import type { Snippet } from '../../../shared/api/calls/templates.ts';
import { api } from '../api/client.ts';

const message = (error: unknown) => {
  if (!(error instanceof Error)) return String(error);
  const issues = (error as { issues?: Array<{ path: string; message: string }> }).issues;
  return issues?.length ? issues.map((i) => `${i.path}: ${i.message}`).join('; ') : error.message;
};

function SnippetRow({ snippet, onSaved, onError }: { snippet: Snippet; onSaved(): void; onError(message: string): void }) {
  const [body, setBody] = useState(snippet.body);
  return (
    <li className="snippet">
      <div className="snippet-header">
        <code>{`{% render '${snippet.name}' %}`}</code>
        <div className="row-actions">
          <button type="button" disabled={body === snippet.body} onClick={() => api()['snippets.save']({ name: snippet.name, body }).then(onSaved, (e: unknown) => onError(message(e)))}>
            Save
          </button>
          <button type="button" className="danger" aria-label={`Delete snippet ${snippet.name}`} onClick={() => api()['snippets.delete']({ name: snippet.name }).then(onSaved, (e: unknown) => onError(message(e)))}>
            Delete
          </button>
        </div>
      </div>
      <textarea aria-label={`Snippet ${snippet.name}`} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
    </li>
  );
}

/** Reusable pieces of templates, kept in the workspace: a footer, a signature, a product card. */
export function SnippetsPanel() {
  const [snippets, setSnippets] = useState<Snippet[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const refresh = () =>
    api()['snippets.list']({})
      .then((list) => (setSnippets(list), setError(null)))
      .catch((e: unknown) => setError(message(e)));
  useEffect(() => {
    void refresh();
  }, []);
  const onCreate = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    api()['snippets.save']({ name: trimmed, body: '' })
      .then(() => (setName(''), refresh()))
      .catch((e: unknown) => setError(message(e)));
  };
  return (
    <section className="snippets" aria-labelledby="snippets-title">
      <header className="screen-header">
        <h2 id="snippets-title">Snippets</h2>
        <form className="inline-form" onSubmit={onCreate}>
          <input aria-label="New snippet name" placeholder="footer" value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" disabled={!name.trim()}>
            New snippet
          </button>
        </form>
      </header>
      {error && (
        <p role="alert" className="error-banner">
          {error}
        </p>
      )}
      {snippets.length === 0 ? (
        <p className="muted">No snippets. A snippet is Liquid and HTML that any template can include with {"{% render 'name' %}"}; it sees the same variables.</p>
      ) : (
        <ul className="snippet-list" aria-label="Snippets">
          {snippets.map((s) => (
            <SnippetRow key={`${s.name}:${s.updatedAt}`} snippet={s} onSaved={() => void refresh()} onError={setError} />
          ))}
        </ul>
      )}
    </section>
  );
}
