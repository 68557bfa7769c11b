/**
 * The app's Content Security Policy, the same in the desktop app and in browser mode: scripts only from the
 * app itself, no eval, no plugins. Email previews render in a sandboxed iframe from a blob or srcdoc.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
