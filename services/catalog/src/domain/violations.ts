import { CONTROL, text, Violations } from '@mpp/errors';

export { CONTROL, text, Violations };

export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A `YYYY-MM-DD` that names a real calendar day. */
export function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return d.toISOString().slice(0, 10) === value;
}

/** Empty is allowed (not known yet); anything else must be a real date. */
export function optionalDate(v: Violations, field: string, value: string): void {
  if (value !== '' && !isDate(value)) v.add(field, 'must be a date YYYY-MM-DD');
}
