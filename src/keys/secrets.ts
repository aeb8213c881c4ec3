import { createHash, randomBytes } from 'node:crypto';

// Keys are 256-bit random secrets, so a fast hash is enough: there is nothing to brute-force.
export const hashKey = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

export function newKeySecret(): string {
  return `crk_${randomBytes(32).toString('base64url')}`;
}

export const keyPrefix = (secret: string): string => secret.slice(0, 10);
