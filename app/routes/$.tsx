import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Not found — Hashfloor" }];

// A splat route so unknown URLs render a 404 page inside the layout instead of Remix's default.
export async function loader() {
  throw new Response("No page lives at this address.", { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return (
    <section className="error">
      <h1>404 Not Found</h1>
      <p>
        No page lives at this address. <Link to="/">Back to the overview</Link>
      </p>
    </section>
  );
}
