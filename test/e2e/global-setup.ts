import { ensureBuilt } from "../../app/server/build.ts";
import { ensureChromium } from "./browser.ts";

// Once per run, before any browser test: the Remix build must be current and Chromium present.
export default function setup() {
  ensureChromium();
  ensureBuilt({ quiet: true });
}
