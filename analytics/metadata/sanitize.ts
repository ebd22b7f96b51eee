/**
 * Token images are untrusted. What is kept: raster data: URIs (PNG/JPEG/GIF/WebP/AVIF), SVG that
 * passes the sanitiser (re-encoded as a base64 data: URI, which the app renders only through <img>,
 * where scripts never run anyway), and http(s)/ipfs URLs for the app to proxy. Anything else
 * (javascript:, data:text/html, SVG that still holds active content after cleaning) is dropped.
 */

export interface ImageChoice {
  imageDataUri: string | null;
  imageUrl: string | null;
  /** Why an image was dropped, if it was. */
  dropped?: string;
}

const rasterData = /^data:image\/(png|jpeg|jpg|gif|webp|avif);base64,[A-Za-z0-9+/=\s]+$/i;

/** Elements whose whole content is active or embeds other documents. */
const blockElements = ["script", "foreignObject", "iframe", "object", "embed", "handler", "listener"];
/** Anything left that could execute or load a document once cleaned means the SVG is refused. */
const stillActive =
  /<\s*(script|foreignObject|iframe|object|embed|handler|listener)\b|\son[a-z]+\s*=|javascript:|data:text\/html|<!ENTITY|<!DOCTYPE/i;

/**
 * Removes scripts, event-handler attributes, javascript: links and embedded documents from SVG
 * text; returns null when the result is not SVG or still looks active (then it is not stored).
 */
export function sanitizeSvg(svg: string): string | null {
  let out = svg;
  for (const el of blockElements) {
    out = out.replace(new RegExp(`<\\s*${el}\\b[\\s\\S]*?<\\s*/\\s*${el}\\s*>`, "gi"), "");
    out = out.replace(new RegExp(`<\\s*${el}\\b[^>]*/\\s*>`, "gi"), "");
  }
  out = out.replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "");
  out = out.replace(/\s(xlink:)?href\s*=\s*("\s*javascript:[^"]*"|'\s*javascript:[^']*'|javascript:[^\s>]+)/gi, "");
  if (stillActive.test(out)) return null;
  if (!/<svg[\s>]/i.test(out)) return null;
  return out;
}

function decodeDataUri(uri: string): { mediaType: string; text: string } | null {
  const m = /^data:([^,;]*)((?:;[^,;]*)*),([\s\S]*)$/i.exec(uri);
  if (!m) return null;
  const isBase64 = /;base64/i.test(m[2]);
  try {
    const text = isBase64 ? Buffer.from(m[3], "base64").toString("utf8") : safeDecode(m[3]);
    return { mediaType: m[1].toLowerCase() || "text/plain", text };
  } catch {
    return null;
  }
}

/** Percent-decoding that keeps text with stray '%' as it is (on-chain JSON is often not encoded). */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Chooses what to store for a metadata `image` (a URI) or `image_data` (raw SVG) value. */
export function chooseImage({ image, imageData, maxBytes }: { image?: unknown; imageData?: unknown; maxBytes: number }): ImageChoice {
  if (typeof imageData === "string" && imageData.trim()) {
    const clean = imageData.length <= maxBytes ? sanitizeSvg(imageData) : null;
    if (clean) return { imageDataUri: `data:image/svg+xml;base64,${Buffer.from(clean).toString("base64")}`, imageUrl: null };
  }
  if (typeof image !== "string" || !image.trim()) return { imageDataUri: null, imageUrl: null };
  const uri = image.trim();
  if (uri.length > maxBytes * 1.4) return { imageDataUri: null, imageUrl: null, dropped: "image data: URI over the size limit" };
  if (/^data:/i.test(uri)) {
    if (rasterData.test(uri)) return { imageDataUri: uri.replace(/\s+/g, ""), imageUrl: null };
    const decoded = decodeDataUri(uri);
    if (decoded?.mediaType === "image/svg+xml") {
      const clean = sanitizeSvg(decoded.text);
      if (clean) return { imageDataUri: `data:image/svg+xml;base64,${Buffer.from(clean).toString("base64")}`, imageUrl: null };
      return { imageDataUri: null, imageUrl: null, dropped: "SVG image with active content" };
    }
    return { imageDataUri: null, imageUrl: null, dropped: `image of type ${decoded?.mediaType ?? "unknown"} not kept` };
  }
  if (/^(https?|ipfs|ar):\/\/\S+$/i.test(uri)) return { imageDataUri: null, imageUrl: uri };
  return { imageDataUri: null, imageUrl: null, dropped: "image URL scheme not allowed" };
}

export { decodeDataUri };
