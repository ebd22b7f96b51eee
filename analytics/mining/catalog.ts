/** The ASIC hardware catalog (hardware.json), validated on load, with lookup by model name. */
import { z } from "zod";
// A static import (not a file read beside this module) so the catalog travels inside the Remix
// server bundle, where this module's directory is build/.
import catalogJson from "./hardware.json";
import { MiningInputError } from "./units.ts";

const machineSchema = z.object({
  model: z.string().min(1),
  manufacturer: z.string().min(1),
  algorithm: z.enum(["sha256", "etchash", "scrypt"]),
  hashrateHps: z.number().positive(),
  powerW: z.number().positive(),
  releaseDate: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
  sourceUrl: z.string().url(),
  verified: z.boolean(),
});

/** One catalog row; efficiencyJPerTh is derived (powerW / hashrate in TH/s). */
export type Machine = z.infer<typeof machineSchema> & { efficiencyJPerTh: number };

let cached: Machine[] | undefined;

/** Every machine in the catalog, in file order. */
export function listMachines(): Machine[] {
  cached ??= z
    .object({ machines: z.array(machineSchema) })
    .parse(catalogJson)
    .machines.map((m) => ({ ...m, efficiencyJPerTh: m.powerW / (m.hashrateHps / 1e12) }));
  return cached;
}

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9+]/g, "");

/** The machine named `name` (case, spaces and dashes ignored); MiningInputError when unknown. */
export function findMachine(name: string): Machine {
  const key = normalise(name);
  const machine = listMachines().find((m) => normalise(m.model) === key);
  if (machine) return machine;
  const near = listMachines()
    .filter((m) => key.length > 0 && (normalise(m.model).includes(key) || key.includes(normalise(m.model))))
    .map((m) => `"${m.model}"`)
    .slice(0, 3);
  const nearHint = near.length > 0 ? `did you mean ${near.join(", ")}? ` : "";
  throw new MiningInputError(
    "machine",
    `machine "${name}" is not in the catalog; ${nearHint}e.g. --machine "Antminer S21" (hashfloor mining machines lists them all)`,
  );
}
