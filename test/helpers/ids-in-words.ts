const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * Every string in a response that a person reads and that carries an id: an id alone in a field is data
 * (`shiftId`, `href`), an id inside a sentence is a defect. Returns "path: text" for each one found.
 */
export function idsInWords(value: unknown, path = '$'): string[] {
  if (typeof value === 'string') {
    const alone = UUID.test(value) && value.replace(UUID, '').trim() === '';
    const link = /^(\/|https?:)/.test(value) || /^\w+:\/\//.test(value);
    const sentence = /\s/.test(value);
    return UUID.test(value) && !alone && !link && sentence ? [`${path}: ${value}`] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => idsInWords(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => idsInWords(v, `${path}.${k}`));
  return [];
}
