/**
 * Live data: the server renders the first paint from the loader; in the browser react-query polls
 * `/api/head` and, when the warehouse holds a new block, refetches the page's loader data through
 * Remix's `?_data=<routeId>` endpoint. Pages read `useLiveLoaderData()` instead of `useLoaderData()`.
 */
import type { SerializeFrom } from "@remix-run/node";
import { useLoaderData, useLocation, useMatches } from "@remix-run/react";
import { useQuery } from "@tanstack/react-query";
import { useRef } from "react";
import { z } from "zod";

const headSchema = z.object({ version: z.string(), blockNumber: z.number().nullable() });
export type Head = z.infer<typeof headSchema>;

/** Polls the warehouse head every `intervalMs` (the devnet mines a block every few seconds). */
export function useHead(intervalMs = 4000) {
  return useQuery({
    queryKey: ["head"],
    queryFn: async (): Promise<Head> => {
      const r = await fetch("/api/head");
      if (!r.ok) throw new Error(`/api/head answered ${r.status}`);
      return headSchema.parse(await r.json());
    },
    refetchInterval: intervalMs,
    refetchOnWindowFocus: true,
  });
}

/** The current route's loader data, refreshed whenever a new block lands in the warehouse. */
// biome-ignore lint/suspicious/noExplicitAny: mirrors Remix's own useLoaderData<typeof loader> signature
export function useLiveLoaderData<L extends (...args: any[]) => unknown>(): SerializeFrom<L> {
  type T = SerializeFrom<L>;
  const initial = useLoaderData<L>() as T;
  const matches = useMatches();
  const routeId = matches[matches.length - 1]?.id ?? "root";
  const location = useLocation();
  const head = useHead();
  const version = head.data?.version ?? "initial";
  // The first version seen is what the server rendered: no refetch until the head moves past it.
  const firstVersion = useRef<string | undefined>(undefined);
  if (head.data && firstVersion.current === undefined) firstVersion.current = head.data.version;
  const query = useQuery({
    queryKey: ["route", routeId, location.pathname, location.search, version],
    queryFn: async (): Promise<T> => {
      const params = new URLSearchParams(location.search);
      params.set("_data", routeId);
      const r = await fetch(`${location.pathname}?${params}`);
      if (!r.ok) throw new Error(`refresh answered ${r.status}`);
      return (await r.json()) as T;
    },
    enabled: head.data !== undefined && head.data.version !== firstVersion.current,
    placeholderData: (previous) => previous,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return query.data ?? initial;
}
