/** The valuation waterfall floor → base → each trait premium, as horizontal bars on one scale. */
import { eth } from "~/lib/format";

export interface WaterfallStep {
  label: string;
  valueBeforeEth: number;
  valueAfterEth: number;
  deltaEth: number;
}

export function Waterfall({ steps }: { steps: WaterfallStep[] }) {
  const max = Math.max(...steps.map((s) => Math.max(s.valueBeforeEth, s.valueAfterEth)), 1e-18);
  const pct = (v: number) => `${((100 * v) / max).toFixed(2)}%`;
  return (
    <table className="table waterfall" data-testid="waterfall">
      <tbody>
        {steps.map((s) => {
          const lo = Math.min(s.valueBeforeEth, s.valueAfterEth);
          const hi = Math.max(s.valueBeforeEth, s.valueAfterEth);
          return (
            <tr key={s.label}>
              <td>{s.label}</td>
              <td className="num">{Math.abs(s.deltaEth) < 1e-12 ? "±0" : `${s.deltaEth >= 0 ? "+" : "−"}${eth(Math.abs(s.deltaEth))}`}</td>
              <td className="waterfall-cell">
                <span
                  className={s.deltaEth >= 0 ? "waterfall-bar up" : "waterfall-bar down"}
                  style={{ marginLeft: pct(lo), width: `max(2px, ${pct(hi - lo)})` }}
                />
              </td>
              <td className="num">{eth(s.valueAfterEth)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
