import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Connector secrets at rest, as Kibana's encrypted saved objects keep them: AES-256-GCM under
 * a key derived from the host's encryption key, with the connector's id as additional
 * authenticated data, so a ciphertext moved to another connector does not decrypt.
 * (The targets branch may bring encrypted saved objects to the host; this module then goes.)
 */
export class SecretsCipher {
  private readonly derived: Buffer | undefined;

  /** Without a key (Kibana started without xpack.encryptedSavedObjects.encryptionKey) secrets are refused when used. */
  constructor(encryptionKey: string | undefined) {
    this.derived =
      encryptionKey === undefined || encryptionKey.length < 32
        ? undefined
        : createHash('sha256').update(encryptionKey).digest();
  }

  private get key(): Buffer {
    if (this.derived === undefined)
      throw new Error(
        'connector secrets need xpack.encryptedSavedObjects.encryptionKey (at least 32 characters)'
      );
    return this.derived;
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
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString(
      'utf8'
    );
    return JSON.parse(plain) as Record<string, unknown>;
  }
}
