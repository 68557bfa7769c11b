import { useEffect, useState } from 'react';
import { useTemplateList } from './templateListStore.ts';
import { useNavigation } from '../app/navigation.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { CreateByNameForm } from '../ui/CreateByNameForm.tsx';
import { timeAgo } from '../ui/format.ts';
import { SnippetsPanel } from './SnippetsPanel.tsx';
import { ColumnHeads } from '../ui/ColumnHeads.tsx';

/** Every email template: open, create, duplicate, delete. */
export function TemplatesScreen() {
  const templates = useTemplateList((s) => s.templates);
  const error = useTemplateList((s) => s.error);
  const loading = useTemplateList((s) => s.loading);
  const { refresh, create, duplicate, remove } = useTemplateList.getState();
  const go = useNavigation((s) => s.go);
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <section className="screen" aria-labelledby="templates-title">
      <header className="screen-header">
        <h1 id="templates-title">Templates</h1>
        <CreateByNameForm noun="template" primary create={create} open={(id) => go({ screen: 'template', id })} />
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
          <ColumnHeads names={['Name', 'Subject', 'Changed']} actions />
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
