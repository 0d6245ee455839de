import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * `COPY ... FROM STDIN` on one pg client, through pg-copy-streams (the pg project's own COPY streams). The
 * rows are one batch already in memory; a row the server refuses rejects the promise with the server's
 * error, after which the connection stays usable.
 */
export async function copyFromStdin(client: pg.ClientBase, target: string, text: string): Promise<void> {
  const sink = client.query(copyFrom(`copy ${target} from stdin`));
  await pipeline(Readable.from([Buffer.from(text, 'utf8')]), sink);
}
