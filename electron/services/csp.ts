/**
 * The Content-Security-Policy of the renderer, the same under Electron and the web host:
 * only the app's own scripts and styles, no eval, no plugins, no framing, no remote content
 * except what the host adds: its own socket (web host) and, in Twilio mode only, the Voice SDK's
 * endpoints (see softphone/telephony-config.ts).
 */
export function contentSecurityPolicy(
  extra: { connect?: readonly string[]; media?: readonly string[] } = {},
): string {
  const list = (base: string, more: readonly string[] = []) => [base, ...more].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `media-src ${list("'self'", extra.media)}`,
    `connect-src ${list("'self'", extra.connect)}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
  ].join('; ');
}
