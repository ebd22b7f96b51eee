// Per-network constants for the mappings. The manifest build (subgraph/manifests/build.ts) rewrites
// this file in its output copy from the network's config; this committed copy holds the mainnet values
// so the sources compile on their own. Addresses are lowercase.

/** Network the values below belong to. */
export const NETWORK = "mainnet";

/** Wrapped ether: its sales count toward ETH volume (1 WETH = 1 ETH). */
export const WETH_ADDRESS = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";

/** Seaport contracts and their versions, index-aligned. */
export const SEAPORT_ADDRESSES: string[] = [
  "0x0000000000000068f116a894984e2db1123eb395",
  "0x00000000000000adc04c56bf30ac9d3c0aaf14dc",
  "0x00000000000001ad428e4906ae43d8f9852d0dd6",
  "0x00000000006c3852cbef3e08e8df289169ede581",
];
export const SEAPORT_VERSIONS: string[] = ["1.6", "1.5", "1.4", "1.1"];

/** Known marketplace fee recipients and the marketplace each one names, index-aligned. */
export const FEE_RECIPIENTS: string[] = [
  "0x0000a26b00c1f0df003000390027140000faa719",
  "0x8de9c5a032463c561423387a9648c5c7bcc5bc90",
  "0x5b3256965e7c3cf26e11fcaf296dfc8807c01073",
];
export const FEE_MARKETPLACES: string[] = ["OpenSea", "OpenSea", "OpenSea"];

/** Price feed aggregators, their pairs and answer decimals, index-aligned. */
export const FEED_ADDRESSES: string[] = ["0x37bc7498f4ff12c19678ee8fe19d713b87f6a9e6", "0xae74faa92cb67a95ebcab07358bc222e33a34da7"];
export const FEED_PAIRS: string[] = ["ETH/USD", "BTC/USD"];
export const FEED_DECIMALS: i32[] = [8, 8];
