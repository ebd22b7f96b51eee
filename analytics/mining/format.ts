/** Plain-text rendering of mining answers for the CLI (JSON output needs none). */
import type { Machine } from "./catalog.ts";
import type { MiningEnded } from "./coins.ts";
import type { Backtest } from "./history.ts";
import type { MiningAnswer } from "./index.ts";
import { formatHashrate } from "./units.ts";

const usd = (n: number | null, digits = 2) =>
  n === null ? "n/a" : `$${n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
const num = (n: number, digits = 2) => n.toLocaleString("en-US", { maximumFractionDigits: digits });

/** Human-readable report of one answer, the data source labelled first. */
export function formatMiningAnswer(answer: MiningAnswer | MiningEnded): string {
  if ("miningEnded" in answer) return answer.message;
  const { today, projection, network, growth, inputs } = answer;
  const lines = [
    `${network.isSnapshot ? "⚠ " : ""}Network data: ${network.label}`,
    `${answer.coinName} (${answer.algorithm}) · ${answer.machine ? `${answer.machine.model}${answer.machine.verified ? "" : " (catalog specs unverified)"} · ` : ""}${formatHashrate(inputs.hashrateHps)} · ${num(inputs.powerW, 0)} W`,
    "",
    ...today.legs.map(
      (l) =>
        `  ${l.coin.toUpperCase().padEnd(4)} height ${num(l.height, 0)} · difficulty ${num(l.difficulty, 2)} · network ${formatHashrate(l.networkHashrateHps)} · reward ${num(l.blockRewardCoin, 8)} + fees ${num(l.feesPerBlockCoin, 8)} · price ${usd(l.coinPriceUsd, 4)} · ${num(l.coinsPerDay, 8)} ${l.coin.toUpperCase()}/day`,
    ),
    "",
    answer.algorithm === "sha256"
      ? `  Hashprice            ${usd(today.hashpriceUsdPerThDay, 5)}/TH/day (${usd(today.hashpriceUsdPerPhDay, 2)}/PH/day)`
      : `  Hashprice            ${usd(today.hashpriceUsdPerGhDay, 5)}/GH/day`,
    `  Revenue              ${usd(today.revenueUsdPerDay)}/day (pool fee ${inputs.poolFeePercent}%, uptime ${inputs.uptimePercent}%)`,
    `  Power                ${num(today.powerKwhPerDay, 1)} kWh/day × ${usd(inputs.powerUsdPerKwh, 4)}/kWh = ${usd(today.powerCostUsdPerDay)}/day`,
    ...(today.hostingCostUsdPerDay > 0 ? [`  Hosting              ${usd(today.hostingCostUsdPerDay)}/day`] : []),
    `  Profit               ${usd(today.profitUsdPerDay)}/day${today.coversPowerCost ? "" : " (revenue below power cost: the projection switches it off)"}`,
    `  Break-even power     ${usd(today.breakEvenPowerUsdPerKwh, 4)}/kWh`,
    `  Break-even price     ${usd(today.breakEvenCoinPriceUsd)} per ${today.legs[0].coin.toUpperCase()}`,
    "",
    `  Difficulty growth    ${num(growth.difficultyGrowthPercentPerMonth, 2)}%/month${growth.difficultyGrowthPercentPerRetarget === null ? "" : ` (${num(growth.difficultyGrowthPercentPerRetarget, 2)}%/retarget)`}: ${growth.source}`,
    `  Projection           ${projection.horizonMonths} months from ${inputs.startDate}: profit ${usd(projection.totalProfitUsd)}, running ${projection.daysRunning} days`,
    `  Payback              ${projection.verdict}${projection.naivePaybackDays !== null ? ` (naive, today's profit forever: ${num(projection.naivePaybackDays, 0)} days)` : ""}`,
  ];
  if (projection.days) {
    lines.push("", "  Projection every 30 days (day, on/off, difficulty, block reward, coin price, profit that day, cumulative profit):");
    for (const d of projection.days.filter((x, i, all) => x.dayIndex % 30 === 0 || i === all.length - 1)) {
      const leg = d.legs[0];
      lines.push(
        `  ${d.day}  ${d.isRunning ? "on " : "off"}  D ${num(leg.difficulty, 0).padStart(22)}  reward ${num(leg.blockRewardCoin, 4).padStart(7)}  ${usd(leg.coinPriceUsd).padStart(12)}  ${usd(d.profitUsd).padStart(9)}  ${usd(d.cumulativeProfitUsd).padStart(11)}`,
      );
    }
  }
  if (answer.sensitivity) {
    const grid = answer.sensitivity;
    lines.push("", `  Profit $/day by power price (rows, $/kWh) × ${today.legs[0].coin.toUpperCase()} price (columns, USD):`);
    lines.push(`  ${"".padStart(8)}${grid.coinPricesUsd.map((p) => num(p, 0).padStart(10)).join("")}`);
    for (const kwh of grid.powerPricesUsdPerKwh) {
      const cells = grid.cells.filter((c) => c.powerUsdPerKwh === kwh).map((c) => num(c.profitUsdPerDay, 2).padStart(10));
      lines.push(`  ${kwh.toFixed(3).padStart(8)}${cells.join("")}`);
    }
  }
  return lines.join("\n");
}

/** Table of the hardware catalog. */
export function formatMachines(machines: Machine[]): string {
  const rows = machines.map((m) => [
    m.model,
    m.algorithm,
    formatHashrate(m.hashrateHps),
    `${m.powerW} W`,
    `${num(m.efficiencyJPerTh, 1)} J/TH`,
    m.releaseDate,
    m.verified ? "yes" : "no",
  ]);
  const header = ["model", "algorithm", "hashrate", "power", "efficiency", "released", "verified"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}

/** Summary of a backtest. */
export function formatBacktest(result: Backtest, hardwareCostUsd: number): string {
  return [
    `Backtest ${result.firstDay ?? "?"} to ${result.lastDay ?? "?"} (${result.days.length} days of loaded history), hardware ${usd(hardwareCostUsd)}`,
    `  Profit after power   ${usd(result.totalProfitUsd)}; days running ${result.days.filter((d) => d.isRunning).length}`,
    `  Return on hardware   ${result.roiPercent === null ? "n/a" : `${num(result.roiPercent, 1)}%`}`,
    `  Payback              ${result.verdict}`,
  ].join("\n");
}
