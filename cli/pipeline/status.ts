/**
 * The progress display of `npm start`: one line per stage, redrawn in place on a terminal and
 * printed as plain lines otherwise (CI logs, pipes).
 */
export type StageState = "waiting" | "running" | "ready" | "skipped" | "failed";

export interface Stage {
  name: string;
  state: StageState;
  detail: string;
}

const ICON: Record<StageState, string> = { waiting: "·", running: "…", ready: "✓", skipped: "-", failed: "✗" };

export class StatusBoard {
  private readonly stages = new Map<string, Stage>();
  private drawnLines = 0;
  private lastPrinted = new Map<string, string>();

  constructor(
    names: string[],
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {
    for (const name of names) this.stages.set(name, { name, state: "waiting", detail: "" });
  }

  /** Updates one stage and redraws (TTY) or prints the change (anything else). */
  set(name: string, state: StageState, detail = ""): void {
    const stage = this.stages.get(name) ?? { name, state, detail };
    stage.state = state;
    stage.detail = detail.replace(/\s+/g, " ").slice(0, 160);
    this.stages.set(name, stage);
    if (this.out.isTTY) this.redraw();
    else {
      const line = this.format(stage);
      if (this.lastPrinted.get(name) !== line) {
        this.lastPrinted.set(name, line);
        this.out.write(`${line}\n`);
      }
    }
  }

  /** Notes for the web pages: what failed, in one sentence each. */
  notes(): string[] {
    return [...this.stages.values()].filter((s) => s.state === "failed").map((s) => `${s.name}: failed${s.detail ? ` — ${s.detail}` : ""}`);
  }

  private format(s: Stage): string {
    return `${ICON[s.state]} ${s.name.padEnd(16)} ${s.state.padEnd(8)} ${s.detail}`;
  }

  private redraw(): void {
    const lines = [...this.stages.values()].map((s) => this.format(s).slice(0, (this.out.columns || 120) - 1));
    if (this.drawnLines) this.out.write(`\x1b[${this.drawnLines}F\x1b[J`);
    this.out.write(`${lines.join("\n")}\n`);
    this.drawnLines = lines.length;
  }
}
