package org.tinyseq.serve.translate;

/**
 * How the translate commands decode after an example-memory miss: the {@link #beam} best of beam
 * search reranked with the model of the other direction ({@link NoisyChannelReranker}), each
 * direction with its own weight of the direct model; a beam of 1 is greedy decoding through the
 * batcher, as without reranking. The defaults were chosen on the validation split
 * (docs/serving-service.md).
 *
 * @param beam N best reranked; 1 = off
 * @param lambdaIntoChinese λ of English → Chinese
 * @param lambdaIntoEnglish λ of Chinese → English
 */
public record RerankConfig(int beam, double lambdaIntoChinese, double lambdaIntoEnglish) {
  public static final int DEFAULT_BEAM = 4;
  public static final double DEFAULT_LAMBDA_INTO_CHINESE = 0.4;
  public static final double DEFAULT_LAMBDA_INTO_ENGLISH = 0.9;

  public RerankConfig {
    if (beam < 1 || beam > 64) {
      throw new IllegalArgumentException("rerank beam must be in [1, 64], got " + beam);
    }
    for (double l : new double[] {lambdaIntoChinese, lambdaIntoEnglish}) {
      if (!(l >= 0 && l <= 1)) {
        throw new IllegalArgumentException("rerank lambda must be in [0, 1], got " + l);
      }
    }
  }

  public static RerankConfig defaults() {
    return new RerankConfig(DEFAULT_BEAM, DEFAULT_LAMBDA_INTO_CHINESE, DEFAULT_LAMBDA_INTO_ENGLISH);
  }

  /** Greedy decoding, no reranking. */
  public static RerankConfig off() {
    return new RerankConfig(1, 1, 1);
  }

  public boolean on() {
    return beam > 1;
  }
}
