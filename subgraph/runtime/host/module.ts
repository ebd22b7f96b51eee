/**
 * A compiled mapping module. Imports are linked by *name* (`store.set`, `bigInt.plus`, ...) whatever
 * module AssemblyScript put them in, as graph-node does; a name this host does not know fails at
 * load, listing every such name. Each trigger starts from a fresh instance's state (memory and
 * globals as right after `_start`), as in graph-node, so no AS module state leaks between handlers.
 * Instead of instantiating per trigger (about half the cost of a small handler), one instance is
 * snapshotted after `_start` and restored before each trigger (mutable globals are exported for
 * this by wasm-globals.ts); it is replaced when a handler grew its memory a lot.
 */
import { readFileSync } from "node:fs";
import { DeterministicError, TransientError, UnsupportedImportError } from "./errors.ts";
import { AscHeap } from "./heap.ts";
import { chainImports } from "./imports-chain.ts";
import { coreImports, REFUSED_IMPORTS } from "./imports-core.ts";
import { jsonImports } from "./imports-json.ts";
import { type HostState, NeedCallError, NeedChainReadError, type TriggerContext } from "./state.ts";
import { exportMutableGlobals } from "./wasm-globals.ts";

/** Past this much growth over the snapshot, a fresh instance is cheaper than zeroing on restore. */
const MAX_RESTORE_GROWTH_BYTES = 1 << 20;

interface MappingExports {
  memory: WebAssembly.Memory;
  allocate(size: number): number;
  id_of_type(index: number): number;
  _start(): void;
  [handler: string]: unknown;
}

interface Pooled {
  exports: MappingExports;
  globals: WebAssembly.Global[];
  values: Array<number | bigint>;
  memory: Uint8Array;
  /** True until a handler ran on it since the last restore. */
  clean: boolean;
}

/** Wasm traps graph-node treats as deterministic (the same input traps again). */
function classify(error: unknown, handler: string): Error {
  if (
    error instanceof DeterministicError ||
    error instanceof NeedCallError ||
    error instanceof NeedChainReadError ||
    error instanceof TransientError
  )
    return error;
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
  private readonly globalNames: string[];
  private pooled: Pooled | undefined;
  readonly exportNames: Set<string>;

  constructor(
    readonly path: string,
    wasm: Uint8Array = readFileSync(path),
  ) {
    const rewritten = exportMutableGlobals(wasm);
    this.globalNames = rewritten.names;
    this.module = new WebAssembly.Module(rewritten.wasm as Uint8Array<ArrayBuffer>);
    const current = () => {
      if (!this.state) throw new Error("host function called outside a handler");
      return this.state;
    };
    const table: Record<string, (...args: never[]) => unknown> = {
      ...coreImports(current),
      ...chainImports(current),
      ...jsonImports(current),
    };
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
    this.exportNames = new Set(
      WebAssembly.Module.exports(this.module)
        .map((e) => e.name)
        .filter((n) => !this.globalNames.includes(n)),
    );
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
   * Host errors and wasm traps come out as DeterministicError; NeedCallError/NeedChainReadError/TransientError pass through.
   */
  run(handler: string, ctx: TriggerContext, writeArg: (heap: AscHeap) => number): void {
    if (!this.exportNames.has(handler)) throw new DeterministicError(`function ${handler} not found in ${this.path}`);
    const instance = this.instance(ctx);
    const heap = new AscHeap(instance.exports, this.rtIds);
    this.state = { heap, ctx };
    instance.clean = false;
    try {
      const arg = writeArg(heap);
      (instance.exports[handler] as (ptr: number) => void)(arg);
    } catch (error) {
      throw classify(error, handler);
    } finally {
      this.state = undefined;
    }
  }

  /** An instance in the state right after `_start`: restored from the snapshot, or new. */
  private instance(ctx: TriggerContext): Pooled {
    const p = this.pooled;
    if (p && p.exports.memory.buffer.byteLength - p.memory.length <= MAX_RESTORE_GROWTH_BYTES) {
      if (!p.clean) {
        for (let i = 0; i < p.globals.length; i++) p.globals[i].value = p.values[i];
        const memory = new Uint8Array(p.exports.memory.buffer);
        memory.set(p.memory, 0);
        memory.fill(0, p.memory.length);
        p.clean = true;
      }
      return p;
    }
    const instance = new WebAssembly.Instance(this.module, this.imports);
    const exports = instance.exports as unknown as MappingExports;
    this.state = { heap: new AscHeap(exports, this.rtIds), ctx };
    try {
      exports._start();
    } catch (error) {
      throw classify(error, "_start");
    } finally {
      this.state = undefined;
    }
    const globals = this.globalNames.map((n) => instance.exports[n] as WebAssembly.Global);
    const fresh: Pooled = {
      exports,
      globals,
      values: globals.map((g) => g.value),
      memory: new Uint8Array(exports.memory.buffer).slice(),
      clean: true,
    };
    this.pooled = fresh;
    return fresh;
  }
}
