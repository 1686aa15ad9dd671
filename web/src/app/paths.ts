/** Route patterns (pure: unit-tested without a browser). */

/** `/m/:mallId/kiosk` against a path: the params, or undefined (a malformed %-escape matches nothing). */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) {
      try {
        params[p[i]!.slice(1)] = decodeURIComponent(s[i]!);
      } catch {
        return undefined;
      }
    }
    else if (p[i] !== s[i]) return undefined;
  }
  return params;
}

