import { describe, expect, it } from "vitest";
import { UnsupportedImportError } from "./errors.ts";
import { MappingModule } from "./module.ts";
import { exportMutableGlobals } from "./wasm-globals.ts";

const str = (s: string) => [s.length, ...Buffer.from(s)];
/** A minimal module: type () -> (), imports the given function names from module "index". */
function moduleImporting(names: string[]): Uint8Array {
  const imports = names.flatMap((n) => [...str("index"), ...str(n), 0x00, 0x00]);
  const importSection = [names.length, ...imports];
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0,
    0,
    0,
    0x01,
    0x04,
    0x01,
    0x60,
    0x00,
    0x00,
    0x02,
    importSection.length,
    ...importSection,
  ]);
}

describe("MappingModule", () => {
  it("fails at load listing every import the host does not provide", () => {
    const wasm = moduleImporting(["store.set", "foo.bar", "ipfs.cat", "baz.qux"]);
    expect(() => new MappingModule("test.wasm", wasm)).toThrow(UnsupportedImportError);
    expect(() => new MappingModule("test.wasm", wasm)).toThrow(/foo\.bar, baz\.qux$/);
  });

  it("refuses a module without the graph-cli exports (memory, allocate, id_of_type, _start)", () => {
    expect(() => new MappingModule("old.wasm", moduleImporting(["store.set"]))).toThrow(/does not export `memory`/);
  });
});

describe("exportMutableGlobals", () => {
  it("exports mutable globals only, leaving the module valid", () => {
    // (global (mut i32) (i32.const 7)) (global i32 (i32.const 1)) (export "keep" (global 1))
    const globals = [0x02, 0x7f, 0x01, 0x41, 0x07, 0x0b, 0x7f, 0x00, 0x41, 0x01, 0x0b];
    const exports = [0x01, ...str("keep"), 0x03, 0x01];
    const wasm = Uint8Array.from([
      0x00,
      0x61,
      0x73,
      0x6d,
      0x01,
      0,
      0,
      0,
      0x06,
      globals.length,
      ...globals,
      0x07,
      exports.length,
      ...exports,
    ]);
    const { wasm: out, names } = exportMutableGlobals(wasm);
    expect(names).toEqual(["__hf_global_0"]);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(out as Uint8Array<ArrayBuffer>), {});
    const g = instance.exports.__hf_global_0 as WebAssembly.Global;
    expect(g.value).toBe(7);
    g.value = 9;
    expect(g.value).toBe(9);
    expect((instance.exports.keep as WebAssembly.Global).value).toBe(1);
  });
});
