/**
 * The one kind of page the desktop opens in the system's browser: the identity provider's
 * sign-in page, an absolute https URL (http only to this machine, a trial provider). Anything
 * else — another scheme (file:, javascript:, a custom protocol), credentials in the URL, no host —
 * is refused, whatever the central system sent.
 */
export function providerPageUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.username || url.password || !url.hostname) return null;
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return url.toString();
  return null;
}
