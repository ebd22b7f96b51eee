/**
 * Token artwork is untrusted (anyone can mint an SVG with `onload` or a `<script>`). The page never
 * inlines it: it becomes the `src` of an `<img>` (where browsers run no script in SVG anyway), and
 * before that an SVG is stripped of scripts, event handlers, foreignObject and external references
 * and re-encoded, and raster types are passed only with an allow-listed MIME type.
 */

const RASTER_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"]);
/** Larger images are not shown inline (metadata is size-limited upstream too). */
export const MAX_ARTWORK_BYTES = 512 * 1024;

export interface SafeImage {
  src: string | null;
  note?: string;
}

/** Removes active content from SVG text; what remains can only draw. */
export function sanitizeSvg(svg: string): string {
  return svg
    .replace(/<!DOCTYPE[^>[]*(\[[^\]]*\])?>/gi, "")
    .replace(/<!ENTITY[^>]*>/gi, "")
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, "")
    .replace(/<script\b[^>]*\/?>/gi, "")
    .replace(/<foreignObject\b[\s\S]*?<\/foreignObject\s*>/gi, "")
    .replace(/<(iframe|embed|object|audio|video|handler|listener)\b[\s\S]*?(<\/\1\s*>|\/>)/gi, "")
    .replace(/\s(on[a-z0-9_-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "")
    .replace(/\s((?:xlink:)?href|src)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, (whole, _name: string, value: string) => {
      const v = value.replace(/^["']|["']$/g, "").trim();
      return v.startsWith("#") || /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$/i.test(v) ? whole : "";
    })
    .replace(/url\(\s*['"]?\s*(?!#)[^)]*\)/gi, "none");
}

function decodeDataUri(uri: string): { mime: string; bytes: Buffer } | null {
  const m = /^data:([a-z0-9.+/-]+)((?:;[a-z0-9=.+-]+)*?)(;base64)?,(.*)$/is.exec(uri);
  if (!m) return null;
  const mime = m[1].toLowerCase();
  try {
    const bytes = m[3] ? Buffer.from(m[4], "base64") : Buffer.from(decodeURIComponent(m[4]), "utf8");
    return { mime, bytes };
  } catch {
    return null;
  }
}

/** An `<img src>` for a token's image: a sanitised data URI, the same-origin proxy, or null with a note. */
export function safeImageSrc({
  dataUri,
  url,
  address,
  tokenId,
}: {
  dataUri: string | null;
  url: string | null;
  address: string;
  tokenId: string;
}): SafeImage {
  if (dataUri) {
    if (dataUri.length > MAX_ARTWORK_BYTES * 1.4) return { src: null, note: "image larger than 512 KB: not shown" };
    const decoded = decodeDataUri(dataUri);
    if (!decoded) return { src: null, note: "image data URI could not be read" };
    if (decoded.mime === "image/svg+xml") {
      const clean = sanitizeSvg(decoded.bytes.toString("utf8"));
      return { src: `data:image/svg+xml;base64,${Buffer.from(clean, "utf8").toString("base64")}` };
    }
    if (RASTER_TYPES.has(decoded.mime)) return { src: `data:${decoded.mime};base64,${decoded.bytes.toString("base64")}` };
    return { src: null, note: `image type ${decoded.mime.slice(0, 40)} is not shown` };
  }
  if (url) {
    if (/^https?:\/\//i.test(url)) return { src: `/art/${address}/${tokenId}` };
    if (/^ipfs:\/\//i.test(url)) return { src: `/art/${address}/${tokenId}` };
    return { src: null, note: "image URL scheme is not allowed" };
  }
  return { src: null, note: "no image in the token's metadata" };
}

/** True when the bytes are an allow-listed image type for the proxy (sniffed, not trusted from headers). */
export function sniffImageType(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 16));
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "image/jpeg";
  if (head.subarray(0, 4).toString("latin1") === "GIF8") return "image/gif";
  if (head.subarray(0, 4).toString("latin1") === "RIFF" && head.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp";
  const text = Buffer.from(bytes.subarray(0, 512)).toString("utf8").trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(text)) return "image/svg+xml";
  return null;
}
