import { useEffect, useState, type FormEvent } from 'react';
import { useTemplateList } from './templateListStore.ts';
import { useNavigation } from '../app/navigation.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { timeAgo } from '../ui/format.ts';
import { SnippetsPanel } from './SnippetsPanel.tsx';

/** Every email template: open, create, duplicate, delete. */
export function TemplatesScreen() {
  const templates = useTemplateList((s) => s.templates);
  const error = useTemplateList((s) => s.error);
  const loading = useTemplateList((s) => s.loading);
  const { refresh, create, duplicate, remove } = useTemplateList.getState();
  const go = useNavigation((s) => s.go);
  const [newName, setNewName] = useState('');
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    const name = newName.trim();
    if (!name) return;
    const id = await create(name).catch(() => '');
    if (id) {
      setNewName('');
      go({ screen: 'template', id });
    }
  };

  return (
    <section className="screen" aria-labelledby="templates-title">
      <header className="screen-header">
        <h1 id="templates-title">Templates</h1>
        <form className="inline-form" onSubmit={onCreate}>
          <input aria-label="New template name" placeholder="New template name" value={newName} onChange={(e) => setNewName(e.target.value)} />
          <button type="submit" className="primary" disabled={!newName.trim()}>
            New template
          </button>
        </form>
      </header>
      {error && (
        <p role="alert" className="error-banner">
          {error}
        </p>
      )}
      {!loading && templates.length === 0 ? (
        <div className="empty-state">
          <h2>No templates yet</h2>
          <p>Create one above: it starts with a greeting, a fallback for contacts without a first name, and the unsubscribe link.</p>
        </div>
      ) : (
        <table className="table" aria-label="Templates">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Subject</th>
              <th scope="col">Changed</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {templates.map((t) => (
              <tr key={t.id}>
                <td>
                  <button type="button" className="link" onClick={() => go({ screen: 'template', id: t.id })}>
                    {t.name}
                  </button>
                </td>
                <td className="muted template-subject">{t.subject}</td>
                <td className="muted">{timeAgo(t.updatedAt)}</td>
                <td>
                  <div className="row-actions">
                    <button type="button" aria-label={`Duplicate ${t.name}`} onClick={() => void duplicate(t.id).catch(() => undefined)}>
                      Duplicate
                    </button>
                    <button type="button" className="danger" aria-label={`Delete ${t.name}`} onClick={() => setDeleting({ id: t.id, name: t.name })}>
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SnippetsPanel />
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel="Delete"
          onConfirm={() => {
            const { id } = deleting;
            setDeleting(null);
            void remove(id).catch(() => undefined);
          }}
          onCancel={() => setDeleting(null)}
          message="The template is removed from the workspace. A template that a journey sends cannot be deleted."
        />
      )}
    </section>
  );
}
