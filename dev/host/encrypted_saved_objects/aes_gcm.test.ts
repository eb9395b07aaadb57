import { AesGcm } from './aes_gcm';
import { EncryptionError, EncryptionService } from './encryption_service';

const KEY = 'a-dev-host-encryption-key-of-32-chars!';

describe('AesGcm', () => {
  it('round-trips, with a fresh IV per message', () => {
    const crypto = new AesGcm(KEY);
    const a = crypto.encrypt('s3cret', 'aad');
    expect(a).not.toContain('s3cret');
    expect(crypto.encrypt('s3cret', 'aad')).not.toBe(a);
    expect(crypto.decrypt(a, 'aad')).toBe('s3cret');
  });
  it('refuses another key, another AAD or a changed ciphertext', () => {
    const crypto = new AesGcm(KEY);
    const sealed = crypto.encrypt('s3cret', 'aad');
    expect(() => new AesGcm(`${KEY}x`).decrypt(sealed, 'aad')).toThrow();
    expect(() => crypto.decrypt(sealed, 'other')).toThrow();
    const flipped = Buffer.from(sealed, 'base64');
    flipped[flipped.length - 1]! ^= 1;
    expect(() => crypto.decrypt(flipped.toString('base64'), 'aad')).toThrow();
  });
  it('refuses a key shorter than 32 characters, as Kibana does', () => {
    expect(() => new AesGcm('short')).toThrow(/minimum length of \[32\]/);
  });
});

describe('EncryptionService', () => {
  const service = new EncryptionService(KEY);
  service.registerType({
    type: 't',
    attributesToEncrypt: new Set(['secrets']),
    attributesToIncludeInAAD: new Set(['url']),
  });
  const descriptor = { type: 't', id: '1' };

  it('encrypts only the registered attributes and binds them to the object and its AAD attributes', () => {
    const sealed = service.encryptAttributes(descriptor, {
      url: 'http://a',
      secrets: { password: 'p' },
    });
    expect(sealed.url).toBe('http://a');
    expect(typeof sealed.secrets).toBe('string');
    expect(service.decryptAttributes(descriptor, sealed)).toEqual({
      url: 'http://a',
      secrets: { password: 'p' },
    });
    expect(() => service.decryptAttributes({ type: 't', id: '2' }, sealed)).toThrow(
      EncryptionError
    );
    expect(() => service.decryptAttributes(descriptor, { ...sealed, url: 'http://b' })).toThrow(
      EncryptionError
    );
    expect(service.stripAttributes('t', sealed)).toEqual({ url: 'http://a' });
  });
  // Kibana's EncryptedSavedObjectsService.registerType refuses both.
  it('refuses a registration with nothing to encrypt, and a type registered twice', () => {
    const another = new EncryptionService(KEY);
    expect(() => another.registerType({ type: 'e', attributesToEncrypt: new Set() })).toThrow(
      'The "attributesToEncrypt" array for "e" is empty.'
    );
    another.registerType({ type: 'e', attributesToEncrypt: new Set(['secrets']) });
    expect(() =>
      another.registerType({ type: 'e', attributesToEncrypt: new Set(['secrets']) })
    ).toThrow('The "e" saved object type is already registered.');
  });
  it('cannot encrypt without a key', () => {
    const keyless = new EncryptionService(undefined);
    keyless.registerType({ type: 't', attributesToEncrypt: new Set(['secrets']) });
    expect(keyless.canEncrypt).toBe(false);
    expect(() => keyless.encryptAttributes(descriptor, { secrets: { token: 'x' } })).toThrow(
      /encryptionKey is not set/
    );
    expect(keyless.encryptAttributes(descriptor, { url: 'u' })).toEqual({ url: 'u' });
  });
});
