/**
 * The Content-Security-Policy of the renderer, the same under Electron and the web host:
 * only the app's own scripts and styles, no eval, no plugins, no framing, no remote content
 * except the telephony endpoints the softphone needs (added by the caller when configured).
 */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self'",
    `connect-src 'self'${connect.length ? ` ${connect.join(' ')}` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
  ].join('; ');
}
