/** A problem the person running `npm run playground` can fix: printed as one line, with this exit code. */
export class PlaygroundError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
