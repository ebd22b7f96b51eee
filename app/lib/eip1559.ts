/** EIP-1559 next base fee in integer wei, exactly as clients compute it (domain.md §7). */
export function nextBaseFeeWei({ baseFeeWei, gasUsed, gasLimit }: { baseFeeWei: bigint; gasUsed: bigint; gasLimit: bigint }): bigint {
  const target = gasLimit / 2n;
  if (target === 0n) return baseFeeWei;
  if (gasUsed === target) return baseFeeWei;
  if (gasUsed > target) {
    const delta = (baseFeeWei * (gasUsed - target)) / target / 8n;
    return baseFeeWei + (delta > 1n ? delta : 1n);
  }
  return baseFeeWei - (baseFeeWei * (target - gasUsed)) / target / 8n;
}
