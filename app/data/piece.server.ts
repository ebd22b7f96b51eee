/**
 * One token for the piece page. The SQL lives in analytics/queries/token.ts (the app reaches data
 * only through analytics' typed queries); this adapter adds what is the app's: the image made safe
 * for `<img src>` and the page's Piece shape.
 */
import {
  getTokenProvenance,
  getTokenRow,
  getTokenTraits,
  ownerCostBasisEth,
  type ProvenanceEvent,
  type TokenRef,
  type TokenTrait,
} from "../../analytics/queries/token";
import { safeImageSrc } from "../lib/artwork";

export {
  getTokenRarityRank as getPieceRarity,
  getTokenValuationDetail as getPieceValuation,
  type ProvenanceEvent,
  type TokenTrait as PieceTrait,
  type TokenValuationDetail as PieceValuation,
} from "../../analytics/queries/token";

export interface Piece {
  address: string;
  tokenId: string;
  collectionName: string;
  name: string;
  owner: string | null;
  /** A data: URI safe for `<img src>` (sanitised raster or SVG), or a same-origin proxy path, or null. */
  imageSrc: string | null;
  imageNote: string | null;
  traits: TokenTrait[];
  events: ProvenanceEvent[];
  /** Last purchase price + its gas + the mint gas when the owner minted: what the owner put in. */
  costBasisEth: number | null;
}

/** The piece, or null when the warehouse has no such token. */
export async function getPiece({ warehouse, address, tokenId }: TokenRef): Promise<Piece | null> {
  const t = await getTokenRow({ warehouse, address, tokenId });
  if (!t) return null;
  const traits = await getTokenTraits({ warehouse, address, tokenId });
  const events = await getTokenProvenance({ warehouse, address, tokenId });
  const image = safeImageSrc({ dataUri: t.imageDataUri, url: t.imageUrl, address, tokenId });
  return {
    address,
    tokenId,
    collectionName: t.collectionName ?? address,
    name: t.name ?? `#${tokenId}`,
    owner: t.owner,
    imageSrc: image.src,
    imageNote: image.note ?? t.metadataError,
    traits,
    events,
    costBasisEth: ownerCostBasisEth(events, t.owner),
  };
}
