/**
 * The app's Content Security Policy, the same in the desktop app and in browser mode, sent as a header with every
 * file of the page (rendererFiles.ts) and nowhere else (the page carries no meta copy to drift from it): scripts only
 * from the app itself, no eval, no plugins, no form posting anywhere. Images only from the app ('self': app:// in the
 * desktop app), data: URLs and https:, so an email preview never fetches an image over plain http. Email previews
 * render in sandboxed srcdoc iframes, which inherit this policy.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
