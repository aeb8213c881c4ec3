/**
 * A json/jsonb column as a value. Both drivers parse json already; this also accepts text, so rows
 * read through raw SQL or older drivers come out the same.
 */
export const fromJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;
