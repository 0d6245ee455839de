import pg from 'pg';

/** Empties a PostgreSQL database (its public schema) so a run starts from nothing, as on a fresh install. */
export async function emptyPostgres(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('drop schema public cascade; create schema public');
  } finally {
    await client.end();
  }
}
