/**
 * The mining hashprice card on the overview. D's TS API (analytics/mining/index.ts) computes it;
 * until that lands the card says so rather than showing a made-up number.
 */
export interface MiningCard {
  available: boolean;
  hashpriceUsdPerThDay: number | null;
  note: string;
}

export async function loadMiningCard(): Promise<MiningCard> {
  return { available: false, hashpriceUsdPerThDay: null, note: "The mining model is not available in this build yet." };
}
