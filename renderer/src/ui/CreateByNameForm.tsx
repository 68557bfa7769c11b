import { useState, type FormEvent } from 'react';

/**
 * 'New journey' / 'New template': a name field and a button that creates the thing and opens it. A failed create
 * keeps the name typed (the list's store shows why).
 */
export function CreateByNameForm({ noun, primary = false, create, open }: { noun: string; primary?: boolean; create(name: string): Promise<string>; open(id: string): void }) {
  const [name, setName] = useState('');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    const id = await create(trimmed).catch(() => '');
    if (id) {
      setName('');
      open(id);
    }
  };

  const label = `New ${noun} name`;
  return (
    <form className="inline-form" onSubmit={onSubmit}>
      <input aria-label={label} placeholder={label} value={name} onChange={(e) => setName(e.target.value)} />
      <button type="submit" className={primary ? 'primary' : undefined} disabled={!name.trim()}>
        New {noun}
      </button>
    </form>
  );
}
