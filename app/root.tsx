import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useContext, useState } from "react";
import { ThemeToggle } from "~/components/ThemeToggle";
import { pipelineNotes } from "~/data/warehouse.server";
import { NonceContext } from "~/lib/nonce";
import { themeFromCookie } from "~/lib/theme";
import stylesheet from "~/styles.css";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: stylesheet },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return json({ theme: themeFromCookie(request.headers.get("Cookie")), notes: pipelineNotes(context) });
}

const NAV = [
  { to: "/", label: "Overview", end: true },
  { to: "/gas", label: "Gas", end: false },
  { to: "/mining", label: "Mining", end: false },
  { to: "/sql", label: "SQL", end: false },
];

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { pathname } = useLocation();
  const bare = pathname.startsWith("/embed/");
  const nonce = useContext(NonceContext);
  return (
    <html lang="en" data-theme={data?.theme ?? "auto"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body className={bare ? "bare" : undefined}>
        {bare ? null : (
          <header className="site-header">
            <a href="/" className="brand">
              Hashfloor
            </a>
            <nav aria-label="Main">
              {NAV.map((n) => (
                <NavLink key={n.to} to={n.to} end={n.end} prefetch="none">
                  {n.label}
                </NavLink>
              ))}
            </nav>
            <ThemeToggle initial={data?.theme ?? "auto"} />
          </header>
        )}
        {!bare && data?.notes?.length ? (
          <div className="pipeline-notes" role="status">
            {data.notes.map((n) => (
              <p key={n}>{n}</p>
            ))}
          </div>
        ) : null}
        {bare ? children : <main>{children}</main>}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // One QueryClient per render tree: per request on the server, once per tab in the browser.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <Outlet />
    </QueryClientProvider>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    return (
      <section className="error">
        <h1>
          {error.status} {error.statusText}
        </h1>
        <p>{typeof error.data === "string" ? error.data : "The request could not be served."}</p>
        <p>
          <a href="/">Back to the overview</a>
        </p>
      </section>
    );
  }
  return (
    <section className="error">
      <h1>Something went wrong</h1>
      <p>The page failed to render. Reload it; if it keeps failing, the server log says why.</p>
    </section>
  );
}
