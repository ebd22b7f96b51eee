/**
 * Event matching and decoding as graph-node: the handler's `event` string is matched against the
 * ABI (exactly, else by name ignoring `indexed` when unique); topic0 is keccak of the signature
 * without `indexed`; a log whose topics or data do not fit the ABI event is skipped, which is how
 * ERC-20 and ERC-721 `Transfer` (same topic0) are told apart. Indexed reference-type parameters
 * arrive as the 32-byte topic hash.
 */
import { type Abi, type AbiEvent, type AbiParameter, decodeAbiParameters, keccak256, stringToBytes } from "viem";
import type { ChainLog, Hex } from "../chain/types.ts";
import { ManifestError } from "../host/errors.ts";
import type { DecodedParam } from "../host/ethereum-objects.ts";

function typeText(p: AbiParameter): string {
  if (p.type.startsWith("tuple")) {
    const comps = "components" in p ? (p.components ?? []) : [];
    return `(${comps.map(typeText).join(",")})${p.type.slice(5)}`;
  }
  return p.type;
}

const signatureOf = (e: AbiEvent, withIndexed: boolean) =>
  `${e.name}(${e.inputs.map((i) => `${withIndexed && i.indexed ? "indexed " : ""}${typeText(i)}`).join(",")})`;

export function resolveEvent(owner: string, abi: Abi, event: string, explicitTopic0?: string): { abiEvent: AbiEvent; topic0: Hex } {
  const events = abi.filter((x): x is AbiEvent => x.type === "event");
  const wanted = event.replace(/\s+/g, " ").trim();
  let match = events.find((e) => signatureOf(e, true) === wanted);
  if (!match) {
    const bare = wanted.replace(/indexed /g, "");
    const byName = events.filter((e) => signatureOf(e, false) === bare);
    if (byName.length === 1) match = byName[0];
  }
  if (!match) throw new ManifestError(`${owner}: Event with the signature "${event}" not found in its ABI`);
  const topic0 = (explicitTopic0?.toLowerCase() as Hex | undefined) ?? keccak256(stringToBytes(wanted.replace(/indexed /g, "")));
  return { abiEvent: match, topic0 };
}

const isReference = (type: string) => type === "string" || type === "bytes" || type.endsWith("]") || type.startsWith("tuple");
const BYTES32: AbiParameter = { type: "bytes32" };

function decodeTopic(input: AbiParameter, topic: Hex): { param: AbiParameter; value: unknown } {
  if (isReference(input.type)) return { param: { ...BYTES32, name: input.name }, value: topic };
  // Fast paths for the common value types; decodeAbiParameters for the rest.
  if (input.type === "address") return { param: input, value: `0x${topic.slice(26)}` };
  if (input.type.startsWith("uint")) return { param: input, value: BigInt(topic) };
  if (input.type === "bytes32") return { param: input, value: topic };
  return { param: input, value: decodeAbiParameters([input], topic)[0] };
}

/** Decodes a log against an ABI event; null when it does not fit (the handler is skipped). */
export function decodeLog(event: AbiEvent, log: ChainLog): DecodedParam[] | null {
  const indexed = event.inputs.filter((i) => i.indexed);
  if (log.topics.length !== indexed.length + 1) return null;
  const plain = event.inputs.filter((i) => !i.indexed);
  let decoded: readonly unknown[] = [];
  if (plain.length > 0) {
    try {
      decoded = decodeAbiParameters(plain, log.data);
    } catch {
      return null;
    }
  }
  let topic = 1;
  let data = 0;
  const out: DecodedParam[] = [];
  try {
    for (const input of event.inputs) {
      if (input.indexed) {
        const { param, value } = decodeTopic(input, log.topics[topic++]);
        out.push({ name: input.name ?? "", param, value });
      } else out.push({ name: input.name ?? "", param: input, value: decoded[data++] });
    }
  } catch {
    return null;
  }
  return out;
}
