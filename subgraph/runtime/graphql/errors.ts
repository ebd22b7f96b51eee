/**
 * graph-node's query error shape: `{ message, locations? }`, with locations only on errors that carry
 * a position (parse errors, unknown fields, bad arguments, ambiguous derived fields).
 */
import type { ASTNode } from "graphql";

export interface ErrorLocation {
  line: number;
  column: number;
}

/** One entry of a response's `errors`. */
export class QueryError extends Error {
  override name = "QueryError";
  constructor(
    message: string,
    readonly locations?: ErrorLocation[],
  ) {
    super(message);
  }

  toJSON(): { message: string; locations?: ErrorLocation[] } {
    return this.locations ? { message: this.message, locations: this.locations } : { message: this.message };
  }
}

/** The position of an AST node, as graph-node reports it (1-based line and column). */
export function positionOf(node: ASTNode | undefined): ErrorLocation[] | undefined {
  const loc = node?.loc;
  if (!loc) return undefined;
  const body = loc.source.body;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < loc.start; i++) {
    if (body.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return [{ line, column: loc.start - lineStart + 1 }];
}

/** graph-node's `InvalidArgumentError` text. */
export function invalidArgument(name: string, value: unknown, node?: ASTNode): QueryError {
  const shown = JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "null";
  return new QueryError(`Invalid value provided for argument \`${name}\`: ${shown}`, positionOf(node));
}
