/**
 * A compiled mapping module. Imports are linked by *name* (`store.set`, `bigInt.plus`, ...) whatever
 * module AssemblyScript put them in, as graph-node does; a name this host does not know fails at
 * load, listing every such name. Each trigger runs in a fresh instance (fresh memory and globals,
 * `_start` called first), exactly like graph-node, so no AS module state leaks between handlers.
 */
import { readFileSync } from "node:fs";
import { DeterministicError, TransientError, UnsupportedImportError } from "./errors.ts";
import { AscHeap } from "./heap.ts";
import { chainImports } from "./imports-chain.ts";
import { coreImports, REFUSED_IMPORTS } from "./imports-core.ts";
import { type HostState, NeedCallError, type TriggerContext } from "./state.ts";

interface MappingExports {
  memory: WebAssembly.Memory;
  allocate(size: number): number;
  id_of_type(index: number): number;
  _start(): void;
  [handler: string]: unknown;
}

/** Wasm traps graph-node treats as deterministic (the same input traps again). */
function classify(error: unknown, handler: string): Error {
  if (error instanceof DeterministicError || error instanceof NeedCallError || error instanceof TransientError) return error;
  if (error instanceof WebAssembly.RuntimeError) return new DeterministicError(`Handler '${handler}' trapped: ${error.message}`);
  if (error instanceof RangeError && /call stack/i.test(error.message))
    return new TransientError(`Handler '${handler}' overflowed the stack`);
  return error instanceof Error ? error : new Error(String(error));
}

export class MappingModule {
  private readonly module: WebAssembly.Module;
  private readonly rtIds = new Map<number, number>();
  private readonly imports: WebAssembly.Imports;
  private state: HostState | undefined;
  readonly exportNames: Set<string>;

  constructor(
    readonly path: string,
    wasm: Uint8Array = readFileSync(path),
  ) {
    this.module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
    const current = () => {
      if (!this.state) throw new Error("host function called outside a handler");
      return this.state;
    };
    const table: Record<string, (...args: never[]) => unknown> = { ...coreImports(current), ...chainImports(current) };
    for (const name of REFUSED_IMPORTS) {
      table[name] ??= () => {
        throw new DeterministicError(`host function ${name} is not available in the local runtime`);
      };
    }
    const missing: string[] = [];
    const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
    for (const imp of WebAssembly.Module.imports(this.module)) {
      if (imp.kind !== "function") {
        missing.push(`${imp.module}.${imp.name} (${imp.kind})`);
        continue;
      }
      const fn = table[imp.name];
      if (!fn) missing.push(imp.name);
      else {
        imports[imp.module] ??= {};
        imports[imp.module][imp.name] = fn as WebAssembly.ImportValue;
      }
    }
    if (missing.length > 0) throw new UnsupportedImportError(missing);
    this.imports = imports;
    this.exportNames = new Set(WebAssembly.Module.exports(this.module).map((e) => e.name));
    for (const required of ["memory", "allocate", "id_of_type", "_start"]) {
      if (!this.exportNames.has(required)) {
        throw new DeterministicError(`${path} does not export \`${required}\`; build it with graph-cli >= 0.22 (apiVersion >= 0.0.5)`);
      }
    }
  }

  hasHandler(name: string): boolean {
    return this.exportNames.has(name);
  }

  /**
   * Runs `handler` in a fresh instance: `writeArg` builds the trigger object in the new heap.
   * Host errors and wasm traps come out as DeterministicError; NeedCallError/TransientError pass through.
   */
  run(handler: string, ctx: TriggerContext, writeArg: (heap: AscHeap) => number): void {
    if (!this.exportNames.has(handler)) throw new DeterministicError(`function ${handler} not found in ${this.path}`);
    const instance = new WebAssembly.Instance(this.module, this.imports);
    const exports = instance.exports as unknown as MappingExports;
    const heap = new AscHeap(exports, this.rtIds);
    this.state = { heap, ctx };
    try {
      exports._start();
      const arg = writeArg(heap);
      (exports[handler] as (ptr: number) => void)(arg);
    } catch (error) {
      throw classify(error, handler);
    } finally {
      this.state = undefined;
    }
  }
}
