/**
 * Collection-level reads for the overview and collection pages. The SQL lives in
 * analytics/queries/collections.ts (the app reaches data only through analytics' typed queries);
 * these names are the ones the routes import.
 */
export {
  type CollectionOverview as CollectionStats,
  type CollectionSummary,
  getCollectionOverview as getCollectionStats,
  getMarketSummary,
  listCollections,
  type MarketSummary,
} from "../../analytics/queries/collections";
