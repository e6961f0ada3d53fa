package org.tinyseq.serve.decode;

/**
 * How likely a model finds a given target for a source: {@code log p(target | source)} summed over
 * the target's symbols, its characters and the end marker (so an empty target has one symbol).
 *
 * @param logProbability natural-log probability of the whole target, at most 0
 * @param symbols symbols scored: the target's characters plus the end marker
 */
public record TargetScore(double logProbability, int symbols) {
  /** The mean log-probability per symbol: comparable across targets of different lengths. */
  public double perSymbol() {
    return logProbability / symbols;
  }
}
