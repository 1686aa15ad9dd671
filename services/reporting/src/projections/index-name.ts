/** The name of an index on a projection version's table: `"stat_tickets_v2_day"` for `"reporting"."stat_tickets_v2"`. */
export const indexName = (table: string, suffix: string): string => `"${table.split('.').pop()!.replace(/"/g, '')}_${suffix}"`;
