import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

/** Kibana's minimum for xpack.encryptedSavedObjects.encryptionKey (its config schema). */
export const MIN_ENCRYPTION_KEY_LENGTH = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Derived once per process: a per-message KDF (Kibana's @elastic/node-crypto runs PBKDF2 per
// message) would cost milliseconds per target on every catalog reload of 10,000 targets.
const KDF_SALT = 'go-runtime-dev-host:encrypted-saved-objects';

/**
 * AES-256-GCM with a random IV per message and the associated data authenticated: ciphertext is
 * `base64(iv | tag | data)`. A wrong key, a changed ciphertext or a changed AAD fails to decrypt.
 */
export class AesGcm {
  private readonly key: Buffer;

  constructor(encryptionKey: string) {
    if (encryptionKey.length < MIN_ENCRYPTION_KEY_LENGTH) {
      throw new Error(
        `[xpack.encryptedSavedObjects.encryptionKey]: value has length [${encryptionKey.length}] but it must have a minimum length of [${MIN_ENCRYPTION_KEY_LENGTH}].`
      );
    }
    this.key = scryptSync(encryptionKey, KDF_SALT, 32);
  }

  encrypt(plaintext: string, aad: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
  }

  decrypt(ciphertext: string, aad: string): string {
    const raw = Buffer.from(ciphertext, 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('ciphertext too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }
}
