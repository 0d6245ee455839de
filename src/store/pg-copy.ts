import pg from 'pg';

/**
 * `COPY ... FROM STDIN` on one pg client. pg 8 speaks the COPY sub-protocol through its Query: the
 * server's CopyInResponse reaches `handleCopyInResponse`, where the rows are sent as CopyData and the end
 * as CopyDone; the server's answer (CommandComplete, or an ErrorResponse for a bad row, after which the
 * connection stays usable) and ReadyForQuery then settle the query as for any other statement.
 * (`pg-copy-streams` does the same for a stream; the rows here are one batch already in memory.)
 */
class CopyFromText extends pg.Query {
  constructor(
    sql: string,
    private readonly data: Buffer,
    callback: (error: Error | undefined) => void,
  ) {
    super(sql, callback);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    if (this.data.length > 0) connection.sendCopyFromChunk(this.data);
    connection.endCopyFrom();
  }
}

/** The part of pg's Connection the COPY sub-protocol uses (pg/lib/connection.js). */
interface CopyConnection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** Runs `copy <target> from stdin` with the given COPY text on this client. */
export function copyFromStdin(client: pg.ClientBase, target: string, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.query(new CopyFromText(`copy ${target} from stdin`, Buffer.from(text, 'utf8'), (error) => (error ? reject(error) : resolve())));
  });
}
