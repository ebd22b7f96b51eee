import { createContext } from "react";

/**
 * The per-request CSP nonce, provided by entry.server around the app. Not sent in loader data: in
 * the browser scripts have already run, so the value there is simply undefined.
 */
export const NonceContext = createContext<string | undefined>(undefined);
