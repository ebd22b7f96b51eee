import type { ReactNode } from "react";

/** A headline number with its label and, on hover or focus, how it is computed. */
export function Stat({ label, value, explain, testId }: { label: string; value: ReactNode; explain: string; testId?: string }) {
  return (
    <div className="stat" title={explain} data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      <div className="stat-explain">{explain}</div>
    </div>
  );
}
