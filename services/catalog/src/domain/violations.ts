import { AppError, type FieldViolation } from '@mpp/errors';

/** Collects field-level reasons, then refuses the command with all of them at once. */
export class Violations {
  readonly list: FieldViolation[] = [];

  add(field: string, reason: string): this {
    this.list.push({ field, reason });
    return this;
  }

  /** `check` false → a violation. */
  require(check: boolean, field: string, reason: string): this {
    return check ? this : this.add(field, reason);
  }

  addAll(prefix: string, violations: readonly FieldViolation[]): this {
    for (const v of violations) this.add(prefix ? `${prefix}.${v.field}` : v.field, v.reason);
    return this;
  }

  throwIfAny(what: string): void {
    if (this.list.length === 0) return;
    const first = this.list[0]!;
    const more = this.list.length > 1 ? ` (and ${this.list.length - 1} more)` : '';
    throw new AppError('invalid', `${what}: ${first.field} ${first.reason}${more}`, { violations: this.list });
  }
}

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

/** NUL and other control characters (tab and line breaks aside): never data. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function text(v: Violations, field: string, value: string, options: { required?: boolean; max?: number } = {}): void {
  const max = options.max ?? 200;
  if (options.required && value.trim() === '') v.add(field, 'is required');
  else if (value.length > max) v.add(field, `is longer than ${max} characters`);
  else if (CONTROL.test(value)) v.add(field, 'holds a control character');
}
