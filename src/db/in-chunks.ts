/**
 * PostgreSQL takes at most 32 767 bind parameters per statement, and Prisma sends every value of an
 * `in` list as one (P2029 beyond that). Month-wide reads (the audit scan over a district's meals)
 * easily pass that, so lists that grow with the data are queried in chunks through this helper.
 */
export const IN_LIST_CHUNK = 10_000;

/** Runs `query` once per chunk of `values` and concatenates the rows, in order. */
export async function inChunks<V, R>(values: readonly V[], query: (chunk: V[]) => Promise<R[]>, size = IN_LIST_CHUNK): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += size) out.push(...(await query(values.slice(i, i + size))));
  return out;
}
