/** '3 minutes ago', 'yesterday', or a date: how a list says when something last changed. */
export function timeAgo(at: number, now = Date.now()): string {
  const seconds = Math.round((now - at) / 1000);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return rtf.format(-Math.round(seconds / 60), 'minute');
  if (seconds < 86_400) return rtf.format(-Math.round(seconds / 3600), 'hour');
  if (seconds < 7 * 86_400) return rtf.format(-Math.round(seconds / 86_400), 'day');
  return new Date(at).toLocaleDateString();
}
