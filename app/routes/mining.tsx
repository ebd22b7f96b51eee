import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Mining — Hashfloor" }];

export default function Mining() {
  return (
    <>
      <h1>Mining</h1>
      <p className="status status-empty" role="status">
        The mining model is not available in this build yet.
      </p>
    </>
  );
}
