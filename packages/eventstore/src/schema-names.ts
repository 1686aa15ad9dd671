/** `"schema"."table"`, quoted. */
export function qualified(schema: string, table: string): string {
  return `"${identifier(schema)}"."${identifier(table)}"`;
}

export function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid SQL identifier "${name}"`);
  return name;
}
