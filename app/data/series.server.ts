/**
 * One collection's chart series. The SQL lives in analytics/queries/collection-series.ts (the app
 * reaches data only through analytics' typed queries); charts.server.ts caches these per data version.
 */
export {
  type FloorPoint,
  getCollectionDailyFloors as floorSeries,
  getCollectionDailyVolume as volumeSeries,
  getCollectionSalesScatter as salesScatter,
  getRarityHistogram as rarityHistogram,
  type RarityBucket,
  type ScatterSale,
  type VolumePoint,
} from "../../analytics/queries/collection-series";
