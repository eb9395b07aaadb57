import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Connector secrets at rest, as Kibana's encrypted saved objects keep them: AES-256-GCM under
 * a key derived from the host's encryption key, with the connector's id as additional
 * authenticated data, so a ciphertext moved to another connector does not decrypt.
 * (The targets branch may bring encrypted saved objects to the host; this module then goes.)
 */
export class SecretsCipher {
  private readonly key: Buffer;

  constructor(encryptionKey: string) {
    if (encryptionKey.length < 32) throw new Error('the encryption key must be at least 32 characters, as xpack.encryptedSavedObjects.encryptionKey');
    this.key = createHash('sha256').update(encryptionKey).digest();
  }

  encrypt(plain: Record<string, unknown>, id: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(id));
    const body = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(text: string, id: string): Record<string, unknown> {
    const raw = Buffer.from(text, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(id));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(plain) as Record<string, unknown>;
  }
}
