package org.tinyseq.spark.training;

import java.io.Serializable;
import org.tinyseq.serve.bundle.Attention;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.train.model.ModelConfig;

/**
 * A {@link ModelConfig} that Spark can ship to executors (the record itself is not Serializable).
 */
record ModelShape(
    Cell cell,
    TokenUnit sourceTokens,
    int latentDim,
    int embeddingDim,
    boolean teacherForcing,
    int sourceVocabularySize,
    int targetVocabularySize,
    int maxSourceLength,
    int maxTargetLength,
    Attention attention,
    double dropout)
    implements Serializable {

  static ModelShape of(ModelConfig c) {
    return new ModelShape(
        c.cell(),
        c.sourceTokens(),
        c.latentDim(),
        c.embeddingDim(),
        c.teacherForcing(),
        c.sourceVocabularySize(),
        c.targetVocabularySize(),
        c.maxSourceLength(),
        c.maxTargetLength(),
        c.attention(),
        c.dropout());
  }

  ModelConfig config() {
    return new ModelConfig(
        cell,
        sourceTokens,
        latentDim,
        embeddingDim,
        teacherForcing,
        sourceVocabularySize,
        targetVocabularySize,
        maxSourceLength,
        maxTargetLength,
        attention,
        dropout);
  }
}
