import { SecretsCipher } from './secrets_cipher';

describe('SecretsCipher', () => {
  const cipher = new SecretsCipher('a dev host encryption key of 32+ characters');
  it('round-trips, never stores the plain text, and is bound to the connector id', () => {
    const stored = cipher.encrypt({ password: 'hunter2' }, 'c1');
    expect(stored).not.toContain('hunter2');
    expect(Buffer.from(stored, 'base64').toString('latin1')).not.toContain('hunter2');
    expect(cipher.decrypt(stored, 'c1')).toEqual({ password: 'hunter2' });
    expect(() => cipher.decrypt(stored, 'c2')).toThrow();
    expect(() =>
      new SecretsCipher('another key of at least 32 chars!!').decrypt(stored, 'c1')
    ).toThrow();
  });
});
