import { AppError, type FieldViolation } from './index.js';

/**
 * Collects field-level reasons, then refuses the command with all of them at once.
 *
 * @example
 * const v = new Violations();
 * v.require(name.trim() !== '', 'name', 'is required');
 * v.throwIfAny('service refused'); // AppError('invalid', …) with every reason, or nothing
 */
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

/** NUL and other control characters (tab and line breaks aside): never data. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A text field: required or not, at most `max` characters (default 200), no control characters. */
export function text(v: Violations, field: string, value: string, options: { required?: boolean; max?: number } = {}): void {
  const max = options.max ?? 200;
  if (options.required && value.trim() === '') v.add(field, 'is required');
  else if (value.length > max) v.add(field, `is longer than ${max} characters`);
  else if (CONTROL.test(value)) v.add(field, 'holds a control character');
}
