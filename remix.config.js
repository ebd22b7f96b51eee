/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Classic (esbuild) compiler, ESM server build: see docs/decisions/0002-remix-classic-compiler.md.
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverBuildPath: "build/index.js",
  assetsBuildDirectory: "public/build",
  publicPath: "/build/",
  // Some d3 sub-packages and viem ship ESM only; bundle them into the server build.
  serverDependenciesToBundle: [/^d3/, /^internmap/, /^delaunator/, /^robust-predicates/],
  watchPaths: ["analytics/**/*.ts"],
  // Opt into React Router 7 behaviour early, except single fetch (loaders keep returning json()).
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
