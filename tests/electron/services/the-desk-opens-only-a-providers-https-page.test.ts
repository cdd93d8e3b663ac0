import { describe, expect, it } from 'vitest';
import { providerPageUrl } from '../../../electron/services/external-page';

/**
 * The desktop opens the identity provider's sign-in page in the system's browser: whatever URL
 * the central system answers, only an https page (http to this machine, a trial provider) is
 * handed to the browser — never a file, a script, a custom scheme or a URL carrying credentials.
 */
describe('the page the desk opens in the browser', () => {
  it('is an https page, or http to this machine', () => {
    for (const url of [
      'https://login.example.org/authorize?client_id=tapline&state=s',
      'http://127.0.0.1:9123/auth?x=1',
      'http://localhost:9123/auth',
    ])
      expect(providerPageUrl(url)).toBe(new URL(url).toString());
  });

  it('is nothing else', () => {
    for (const url of [
      'http://login.example.org/authorize',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://share/x',
      'ms-settings:privacy',
      'https://user:secret@login.example.org/',
      'not a url',
      '',
    ])
      expect(providerPageUrl(url), url).toBeNull();
  });
});
