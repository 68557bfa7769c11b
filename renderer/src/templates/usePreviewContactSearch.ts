import { useEffect, useState } from 'react';
import type { PreviewContact } from '../../../shared/api/calls/templates.ts';
import { api } from '../api/client.ts';

/**
 * Contacts matching a search on email, name or tag, asked for a moment after the typing stops and only while
 * `enabled` (the list is open); an answer to an older search never replaces a newer one.
 */
export function usePreviewContactSearch(search: string, enabled: boolean): { results: PreviewContact[]; error: string | null } {
  const [results, setResults] = useState<PreviewContact[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    const timer = setTimeout(() => {
      const client = api();
      client['templates.previewContacts']({ search, limit: 20 })
        .then((found) => current && (setResults(found), setError(null)))
        .catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)));
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search, enabled]);
  return { results, error };
}
