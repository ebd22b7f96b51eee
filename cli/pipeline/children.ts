/** Child processes of `npm start`: started with the same Node, stopped with SIGTERM then SIGKILL. */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../app/server/build.ts";

export interface Child {
  process: ChildProcess;
  /** Resolves with the exit code when the child ends (for any reason). */
  exited: Promise<number | null>;
  stop(graceMs?: number): Promise<void>;
}

/** Runs `hashfloor <args>` as a child; each output line goes to `onLine`. */
export function spawnHashfloor(
  args: string[],
  onLine: (line: string, stream: "stdout" | "stderr") => void,
  env: NodeJS.ProcessEnv = process.env,
): Child {
  const child = spawn(process.execPath, [join(projectRoot, "bin", "hashfloor.mjs"), ...args], {
    cwd: projectRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of ["stdout", "stderr"] as const) {
    let buffer = "";
    child[stream]?.setEncoding("utf8");
    child[stream]?.on("data", (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split(/\r?\n|\r/);
      buffer = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) onLine(line, stream);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    process: child,
    exited,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
