package org.tinyseq.train.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tinyseq.serve.bundle.Attention;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.text.TokenUnit;

/**
 * Every training parameter except the data options ({@link org.tinyseq.train.data.DataOptions}).
 *
 * @param kind what the model does (the bundle's kind)
 * @param cell the recurrent cell
 * @param sourceTokens how source text becomes tokens
 * @param latentDim hidden size
 * @param embeddingDim input embedding size; 0 = one-hot inputs
 * @param teacherForcing feed the true previous character (true) or the previous argmax
 * @param batchSize pairs per batch
 * @param epochs maximum number of epochs
 * @param learningRate Adam step size
 * @param clipNorm global gradient-norm clipping threshold (0 = none)
 * @param sourceMinCount source tokens seen fewer times become unknown
 * @param sourceMaxVocabulary at most this many source tokens (0 = no limit)
 * @param targetMinCount target characters seen fewer times become unknown
 * @param targetMaxVocabulary at most this many target characters (0 = no limit)
 * @param patience stop after this many epochs without a better validation loss (0 = never)
 * @param bucketing sort batches by length (true) or pad every batch to the maxima (false)
 * @param seed seed of initialisation and batch order
 * @param threads gradient workers, each with its own graphs on one native thread
 * @param attention none or luong ({@link org.tinyseq.train.model.ModelConfig})
 * @param dropout training-time dropout of the attention model (0 = none)
 */
public record TrainOptions(
    ModelKind kind,
    Cell cell,
    TokenUnit sourceTokens,
    int latentDim,
    int embeddingDim,
    boolean teacherForcing,
    int batchSize,
    int epochs,
    double learningRate,
    double clipNorm,
    int sourceMinCount,
    int sourceMaxVocabulary,
    int targetMinCount,
    int targetMaxVocabulary,
    int patience,
    boolean bucketing,
    long seed,
    int threads,
    Attention attention,
    double dropout) {

  /** Without attention or dropout (the Keras design). */
  public TrainOptions(
      ModelKind kind,
      Cell cell,
      TokenUnit sourceTokens,
      int latentDim,
      int embeddingDim,
      boolean teacherForcing,
      int batchSize,
      int epochs,
      double learningRate,
      double clipNorm,
      int sourceMinCount,
      int sourceMaxVocabulary,
      int targetMinCount,
      int targetMaxVocabulary,
      int patience,
      boolean bucketing,
      long seed,
      int threads) {
    this(
        kind,
        cell,
        sourceTokens,
        latentDim,
        embeddingDim,
        teacherForcing,
        batchSize,
        epochs,
        learningRate,
        clipNorm,
        sourceMinCount,
        sourceMaxVocabulary,
        targetMinCount,
        targetMaxVocabulary,
        patience,
        bucketing,
        seed,
        threads,
        Attention.NONE,
        0);
  }

  public TrainOptions {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(sourceTokens, "sourceTokens");
    if (batchSize < 1 || epochs < 1 || learningRate <= 0 || latentDim < 1 || embeddingDim < 0) {
      throw new IllegalArgumentException(
          "batch size, epochs, learning rate and latent size must be positive");
    }
    if (sourceMinCount < 1 || targetMinCount < 1) {
      throw new IllegalArgumentException("min counts must be >= 1");
    }
    Objects.requireNonNull(attention, "attention");
    if (attention == Attention.LUONG && (cell != Cell.LSTM || !teacherForcing)) {
      throw new IllegalArgumentException(
          "--attention luong is built for the LSTM with teacher forcing (see docs/training.md)");
    }
    if (dropout < 0 || dropout >= 1) {
      throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
    }
  }

  /** The project defaults for {@code kind}. */
  public static TrainOptions defaults(ModelKind kind) {
    return new TrainOptions(
        kind,
        Cell.LSTM,
        TokenUnit.CHAR,
        256,
        64,
        true,
        64,
        30,
        0.002,
        5.0,
        1,
        0,
        2,
        0,
        3,
        true,
        1234,
        2);
  }

  public TrainOptions withEpochs(int n) {
    return new TrainOptions(
        kind,
        cell,
        sourceTokens,
        latentDim,
        embeddingDim,
        teacherForcing,
        batchSize,
        n,
        learningRate,
        clipNorm,
        sourceMinCount,
        sourceMaxVocabulary,
        targetMinCount,
        targetMaxVocabulary,
        patience,
        bucketing,
        seed,
        threads,
        attention,
        dropout);
  }

  /** A copy with another attention and dropout. */
  public TrainOptions withAttention(Attention newAttention, double newDropout) {
    return new TrainOptions(
        kind,
        cell,
        sourceTokens,
        latentDim,
        embeddingDim,
        teacherForcing,
        batchSize,
        epochs,
        learningRate,
        clipNorm,
        sourceMinCount,
        sourceMaxVocabulary,
        targetMinCount,
        targetMaxVocabulary,
        patience,
        bucketing,
        seed,
        threads,
        newAttention,
        newDropout);
  }

  /** The parameters as manifest / checkpoint entries. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind.jsonName());
    m.put("cell", cell.jsonName());
    m.put("sourceTokens", sourceTokens.jsonName());
    m.put("latentDim", latentDim);
    m.put("embeddingDim", embeddingDim);
    m.put("teacherForcing", teacherForcing);
    m.put("batchSize", batchSize);
    m.put("epochs", epochs);
    m.put("learningRate", learningRate);
    m.put("clipNorm", clipNorm);
    m.put("sourceMinCount", sourceMinCount);
    m.put("sourceMaxVocabulary", sourceMaxVocabulary);
    m.put("targetMinCount", targetMinCount);
    m.put("targetMaxVocabulary", targetMaxVocabulary);
    m.put("patience", patience);
    m.put("bucketing", bucketing);
    m.put("seed", seed);
    m.put("threads", threads);
    if (attention != Attention.NONE) {
      m.put("attention", attention.jsonName());
      m.put("dropout", dropout);
    }
    return m;
  }
}
