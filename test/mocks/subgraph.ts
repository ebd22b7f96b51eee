/**
 * msw handlers that play a graph-node serving the Hashfloor subgraph, for the sync's operations
 * (analytics/graphclient/queries). Entities are kept as versions (the block each version was written
 * at), so `block: { number }` time travel, `_change_block` and `id_gt` paging behave as in
 * graph-node (graph-host-spec.md §6). Faults can be switched on to test retries and resumption.
 */
import { delay, HttpResponse } from "msw";
import { graphql } from "msw/graphql";

export type MockEntity = { id: string } & Record<string, unknown>;

/** Plural field per page operation (as in analytics/graphclient/queries). */
export const pageFields: Record<string, string> = {
  CollectionsPage: "collections",
  TokensPage: "tokens",
  TransactionsPage: "transactions",
  MintsPage: "mints",
  TransfersPage: "transfers",
  SalesPage: "sales",
  PricePointsPage: "pricePoints",
};

export type Fault = "http500" | "graphql-error" | "hang" | "bad-json" | null;

export interface SubgraphMock {
  handlers: ReturnType<ReturnType<typeof graphql.link>["query"]>[];
  /** Requests answered so far, by operation name. */
  requests: Array<{ operation: string; variables: Record<string, unknown> }>;
  head: number;
  hasIndexingErrors: boolean;
  /** Adds an entity version written at `block` (a later version of the same id replaces it from then on). */
  put(field: string, block: number, entity: MockEntity): void;
  /** From the n-th page request on (0-based, counting page requests only), answer with `fault`. */
  failFrom(n: number, fault: Fault): void;
  /** Heal: answer normally again. */
  heal(): void;
}

const maxFirst = 1000;

/** The graph-node mock at `url` (e.g. http://subgraph.test/subgraphs/name/hashfloor). */
export function createSubgraphMock(url: string, { head = 0 } = {}): SubgraphMock {
  const versions = new Map<string, Map<string, Array<{ block: number; entity: MockEntity }>>>();
  let faultFrom = Number.POSITIVE_INFINITY;
  let fault: Fault = null;
  let pageRequests = 0;
  const link = graphql.link(url);

  const mock: SubgraphMock = {
    handlers: [],
    requests: [],
    head,
    hasIndexingErrors: false,
    put(field, block, entity) {
      const byId = versions.get(field) ?? new Map<string, Array<{ block: number; entity: MockEntity }>>();
      versions.set(field, byId);
      const list = byId.get(entity.id) ?? [];
      list.push({ block, entity });
      list.sort((a, b) => a.block - b.block);
      byId.set(entity.id, list);
    },
    failFrom(n, f) {
      faultFrom = n;
      fault = f;
    },
    heal() {
      faultFrom = Number.POSITIVE_INFINITY;
      fault = null;
    },
  };

  const faultResponse = async (f: Fault): Promise<Response> => {
    if (f === "http500") return new HttpResponse("upstream failure", { status: 500 });
    if (f === "graphql-error") return HttpResponse.json({ errors: [{ message: "Store error: database unavailable" }] });
    if (f === "bad-json") return new HttpResponse("<html>gateway</html>", { status: 502, headers: { "content-type": "text/html" } });
    await delay("infinite");
    return HttpResponse.json({});
  };

  const meta = link.query("Meta", ({ variables }) => {
    mock.requests.push({ operation: "Meta", variables });
    return HttpResponse.json({
      data: {
        _meta: {
          block: { number: mock.head, hash: null, timestamp: null },
          deployment: "QmMockDeployment",
          hasIndexingErrors: mock.hasIndexingErrors,
        },
      },
    });
  });

  const pages = Object.entries(pageFields).map(([operation, field]) =>
    link.query(operation, async ({ variables }) => {
      mock.requests.push({ operation, variables });
      const n = pageRequests++;
      if (n >= faultFrom && fault) return faultResponse(fault);
      const block = Number(variables.block);
      const fromBlock = Number(variables.fromBlock ?? 0);
      const afterId = String(variables.afterId ?? "");
      if (block > mock.head) {
        return HttpResponse.json({
          errors: [
            {
              message: `subgraph QmMockDeployment has only indexed up to block number ${mock.head} and data for block number ${block} is therefore not yet available`,
            },
          ],
        });
      }
      const items: MockEntity[] = [];
      for (const [id, list] of versions.get(field) ?? []) {
        // graph-node compares ids as their scalar: lowercase 0x-hex or text, both ordered as strings here.
        if (id <= afterId) continue;
        const visible = list.filter((v) => v.block <= block).at(-1);
        if (visible && visible.block >= fromBlock) items.push(visible.entity);
      }
      items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return HttpResponse.json({ data: { [field]: items.slice(0, maxFirst) } });
    }),
  );
  mock.handlers = [meta, ...pages];
  return mock;
}
