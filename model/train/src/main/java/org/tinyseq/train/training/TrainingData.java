package org.tinyseq.train.training;

import java.util.List;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.serve.text.Tokenizer;
import org.tinyseq.serve.text.Vocabulary;
import org.tinyseq.train.data.PreparedData;
import org.tinyseq.train.data.TextPair;
import org.tinyseq.train.data.VocabularyBuilder;
import org.tinyseq.train.model.GraphFactory;

/**
 * The split pairs as ids, with the vocabularies (built from the training side only) and the length
 * limits the model is built for.
 *
 * @param maxSourceLength longest training source in tokens
 * @param maxTargetSteps longest training target in characters, plus one for the end marker
 */
public record TrainingData(
    List<TextPair> trainPairs,
    List<TextPair> validationPairs,
    Vocabulary sourceVocabulary,
    Vocabulary targetVocabulary,
    List<EncodedPair> train,
    List<EncodedPair> validation,
    int maxSourceLength,
    int maxTargetSteps) {

  /** Builds vocabularies from {@code data.train()} under {@code options}' limits, then encodes. */
  public static TrainingData of(PreparedData data, TrainOptions options) {
    Vocabulary src =
        VocabularyBuilder.source(
            data.train(),
            options.sourceTokens(),
            options.sourceMinCount(),
            options.sourceMaxVocabulary());
    Vocabulary tgt =
        VocabularyBuilder.target(
            data.train(), options.targetMinCount(), options.targetMaxVocabulary());
    return of(data, options.sourceTokens(), src, tgt);
  }

  /** Encodes with given vocabularies (a resumed run uses the checkpoint's). */
  public static TrainingData of(PreparedData data, TokenUnit unit, Vocabulary src, Vocabulary tgt) {
    int maxSource = 1;
    int maxTarget = 1;
    for (TextPair p : data.train()) {
      maxSource = Math.max(maxSource, Tokenizer.tokens(p.source(), unit).size());
      maxTarget = Math.max(maxTarget, p.target().codePointCount(0, p.target().length()));
    }
    List<EncodedPair> train =
        EncodedPair.encode(data.train(), src, tgt, unit, maxSource, maxTarget);
    List<EncodedPair> validation =
        EncodedPair.encode(data.validation(), src, tgt, unit, maxSource, maxTarget);
    if (train.isEmpty()) {
      throw new IllegalArgumentException("no training pairs left after filtering");
    }
    return new TrainingData(
        data.train(), data.validation(), src, tgt, train, validation, maxSource, maxTarget + 1);
  }

  /** The training split's batches, bucketed or padded to the maxima as {@code options} say. */
  public Batcher trainBatches(TrainOptions options, GraphFactory graphs) {
    return new Batcher(
        train, options.batchSize(), options.bucketing(), maxSourceLength, maxTargetSteps, graphs);
  }

  /** The validation split's batches, always bucketed (padding changes the time, not the loss). */
  public Batcher validationBatches(TrainOptions options, GraphFactory graphs) {
    return new Batcher(
        validation, options.batchSize(), true, maxSourceLength, maxTargetSteps, graphs);
  }
}
