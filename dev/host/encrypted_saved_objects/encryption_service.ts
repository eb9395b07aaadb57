import type { EncryptedSavedObjectTypeRegistration } from '@kbn/encrypted-saved-objects-plugin/server';
import { AesGcm } from './aes_gcm';

/** Mirrors Kibana's EncryptionError (.../encrypted_saved_objects/server/crypto/encryption_error.ts): what isEncryptionError recognises. */
export class EncryptionError extends Error {
  constructor(message: string, public readonly attributeName: string) {
    super(message);
    this.name = 'EncryptionError';
  }
}

export interface ObjectDescriptor {
  readonly type: string;
  readonly id: string;
  /** undefined for the default space, as Kibana's descriptors have it. */
  readonly namespace?: string;
}

type Attributes = Record<string, unknown>;

/**
 * The dev host's EncryptedSavedObjectsService (Kibana: .../server/crypto/encrypted_saved_objects_service.ts):
 * encrypts the registered attributes of a type, each as the JSON of its value, with the
 * object's identity and its AAD attributes as associated data, so a ciphertext copied to
 * another object, or left beside a changed AAD attribute, no longer decrypts.
 */
export class EncryptionService {
  private readonly types = new Map<string, EncryptedSavedObjectTypeRegistration>();
  private readonly crypto: AesGcm | undefined;

  constructor(encryptionKey: string | undefined) {
    this.crypto = encryptionKey === undefined ? undefined : new AesGcm(encryptionKey);
  }

  public get canEncrypt(): boolean {
    return this.crypto !== undefined;
  }

  /** Refuses what Kibana's EncryptedSavedObjectsService.registerType refuses (encrypted_saved_objects_service.ts at 0ecce7ed35f831569f360de5de7a23db17cd16c8). */
  registerType(registration: EncryptedSavedObjectTypeRegistration): void {
    if (registration.attributesToEncrypt.size === 0)
      throw new Error(`The "attributesToEncrypt" array for "${registration.type}" is empty.`);
    if (this.types.has(registration.type))
      throw new Error(`The "${registration.type}" saved object type is already registered.`);
    this.types.set(registration.type, registration);
  }

  isRegistered(type: string): boolean {
    return this.types.has(type);
  }

  /** Encrypts the registered attributes present in `attributes`; `aadSource` holds the AAD attributes (the whole object after the write). */
  encryptAttributes(
    descriptor: ObjectDescriptor,
    attributes: Attributes,
    aadSource: Attributes = attributes
  ): Attributes {
    const registration = this.types.get(descriptor.type);
    if (registration === undefined) return attributes;
    const result: Attributes = { ...attributes };
    for (const name of registration.attributesToEncrypt) {
      if (attributes[name] === undefined || attributes[name] === null) continue;
      if (this.crypto === undefined) {
        throw new EncryptionError(
          `Unable to encrypt attribute "${name}" of ${descriptor.type} because xpack.encryptedSavedObjects.encryptionKey is not set`,
          name
        );
      }
      result[name] = this.crypto.encrypt(
        JSON.stringify(attributes[name]),
        this.aad(registration, descriptor, aadSource)
      );
    }
    return result;
  }

  decryptAttributes(descriptor: ObjectDescriptor, attributes: Attributes): Attributes {
    const registration = this.types.get(descriptor.type);
    if (registration === undefined) return attributes;
    const result: Attributes = { ...attributes };
    for (const name of registration.attributesToEncrypt) {
      const value = attributes[name];
      if (value === undefined || value === null) continue;
      if (this.crypto === undefined || typeof value !== 'string') {
        throw new EncryptionError(
          `Unable to decrypt attribute "${name}" of ${descriptor.type} [${descriptor.id}]`,
          name
        );
      }
      try {
        result[name] = JSON.parse(
          this.crypto.decrypt(value, this.aad(registration, descriptor, attributes))
        );
      } catch {
        throw new EncryptionError(
          `Unable to decrypt attribute "${name}" of ${descriptor.type} [${descriptor.id}]: wrong key, or the object was changed outside Kibana`,
          name
        );
      }
    }
    return result;
  }

  /** What an ordinary read returns: the encrypted attributes left out. */
  stripAttributes(type: string, attributes: Attributes): Attributes {
    const registration = this.types.get(type);
    if (registration === undefined) return attributes;
    const result: Attributes = { ...attributes };
    for (const name of registration.attributesToEncrypt) delete result[name];
    return result;
  }

  private aad(
    registration: EncryptedSavedObjectTypeRegistration,
    descriptor: ObjectDescriptor,
    attributes: Attributes
  ): string {
    const included = [...(registration.attributesToIncludeInAAD ?? [])]
      .sort()
      .map((name) => [name, attributes[name] ?? null]);
    return JSON.stringify([descriptor.namespace ?? null, descriptor.type, descriptor.id, included]);
  }
}
