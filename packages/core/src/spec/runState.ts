/** The number of iterations an algorithm runs (RTM is a single migration). */
export function iterationCount(
  algorithm: { kind: 'rtm' } | { kind: 'lsrtm' | 'fwi'; iterations: number },
): number {
  return algorithm.kind === 'rtm' ? 1 : algorithm.iterations;
}
