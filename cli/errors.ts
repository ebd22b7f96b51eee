/** An error caused by what the user typed or configured: printed as one line, no stack trace. */
export class UserError extends Error {
  override name = "UserError";
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
