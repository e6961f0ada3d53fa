package org.tinyseq.train.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Attention;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.text.TokenUnit;

/**
 * The shape of one seq2seq model: what the graphs compute and the sizes of every parameter.
 *
 * @param cell the recurrent cell of encoder and decoder
 * @param sourceTokens how source text becomes tokens
 * @param latentDim hidden size H of encoder and decoder
 * @param embeddingDim E of both inputs; 0 means one-hot inputs
 * @param teacherForcing decoder fed the true previous character (true) or its own previous argmax
 * @param sourceVocabularySize Vs, reserved entries included
 * @param targetVocabularySize Vt, reserved entries included
 * @param maxSourceLength longest source in tokens
 * @param maxTargetLength longest decoder run in steps (target characters plus the end marker)
 * @param attention none (the Keras design) or luong (bidirectional encoder, Luong general attention
 *     with input feeding: docs/bundle-format.md, version 2)
 * @param dropout training-time dropout rate on embeddings and the attentional vector (attention
 *     models only; nothing of it is exported)
 */
public record ModelConfig(
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
    implements java.io.Serializable { // Spark ships it to executors (model/spark)

  /** The Keras design without attention or dropout. */
  public ModelConfig(
      Cell cell,
      TokenUnit sourceTokens,
      int latentDim,
      int embeddingDim,
      boolean teacherForcing,
      int sourceVocabularySize,
      int targetVocabularySize,
      int maxSourceLength,
      int maxTargetLength) {
    this(
        cell,
        sourceTokens,
        latentDim,
        embeddingDim,
        teacherForcing,
        sourceVocabularySize,
        targetVocabularySize,
        maxSourceLength,
        maxTargetLength,
        Attention.NONE,
        0);
  }

  public ModelConfig {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(sourceTokens, "sourceTokens");
    if (latentDim <= 0 || embeddingDim < 0) {
      throw new IllegalArgumentException("latent must be > 0 and embedding >= 0");
    }
    attention = attention == null ? Attention.NONE : attention;
    if (attention == Attention.LUONG
        && (cell != Cell.LSTM || !teacherForcing || latentDim % 2 != 0)) {
      throw new IllegalArgumentException(
          "attention needs the LSTM with teacher forcing and an even latent size");
    }
    if (dropout < 0 || dropout >= 1) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
  }

  /** True for the attention model (bundle format version 2). */
  public boolean luong() {
    return attention == Attention.LUONG;
  }

  public boolean gru() {
    return cell == Cell.GRU;
  }

  /** Gate blocks: 4 for LSTM, 3 for GRU. */
  public int gates() {
    return cell.gates();
  }

  /** Input width of a recurrent layer over a vocabulary of {@code vocab} entries. */
  public int inputWidth(int vocab) {
    return embeddingDim > 0 ? embeddingDim : vocab;
  }

  /** Every trainable parameter, in a fixed order, with its shape (see {@link ParameterNames}). */
  public Map<String, long[]> parameterShapes() {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    int g = gates() * latentDim;
    if (luong()) {
      attentionShapes(shapes);
      return shapes;
    }
    addLayer(shapes, ParameterNames.ENCODER, sourceVocabularySize, g);
    addLayer(shapes, ParameterNames.DECODER, targetVocabularySize, g);
    shapes.put(
        ParameterNames.DECODER + ParameterNames.OUTPUT_KERNEL,
        new long[] {latentDim, targetVocabularySize});
    shapes.put(
        ParameterNames.DECODER + ParameterNames.OUTPUT_BIAS, new long[] {targetVocabularySize});
    return shapes;
  }

  /** docs/bundle-format.md, version 2: He = H/2 per encoder direction, input feeding. */
  private void attentionShapes(Map<String, long[]> shapes) {
    int h = latentDim;
    int he = h / 2;
    String e = ParameterNames.ENCODER;
    String d = ParameterNames.DECODER;
    if (embeddingDim > 0) {
      shapes.put(e + ParameterNames.EMBEDDING, new long[] {sourceVocabularySize, embeddingDim});
    }
    for (String direction : new String[] {"", ParameterNames.BACKWARD}) {
      shapes.put(
          e + direction + ParameterNames.KERNEL,
          new long[] {inputWidth(sourceVocabularySize), 4 * he});
      shapes.put(e + direction + ParameterNames.RECURRENT_KERNEL, new long[] {he, 4 * he});
      shapes.put(e + direction + ParameterNames.BIAS, new long[] {4 * he});
    }
    if (embeddingDim > 0) {
      shapes.put(d + ParameterNames.EMBEDDING, new long[] {targetVocabularySize, embeddingDim});
    }
    shapes.put(d + ParameterNames.KERNEL, new long[] {inputWidth(targetVocabularySize) + h, 4 * h});
    shapes.put(d + ParameterNames.RECURRENT_KERNEL, new long[] {h, 4 * h});
    shapes.put(d + ParameterNames.BIAS, new long[] {4 * h});
    shapes.put(d + ParameterNames.ATTENTION_KERNEL, new long[] {h, h});
    shapes.put(d + ParameterNames.ATTENTION_OUTPUT_KERNEL, new long[] {2 * h, h});
    shapes.put(d + ParameterNames.OUTPUT_KERNEL, new long[] {h, targetVocabularySize});
    shapes.put(d + ParameterNames.OUTPUT_BIAS, new long[] {targetVocabularySize});
  }

  private void addLayer(Map<String, long[]> shapes, String prefix, int vocab, int g) {
    if (embeddingDim > 0) {
      shapes.put(prefix + ParameterNames.EMBEDDING, new long[] {vocab, embeddingDim});
    }
    shapes.put(prefix + ParameterNames.KERNEL, new long[] {inputWidth(vocab), g});
    shapes.put(prefix + ParameterNames.RECURRENT_KERNEL, new long[] {latentDim, g});
    shapes.put(prefix + ParameterNames.BIAS, new long[] {g});
    if (gru()) {
      shapes.put(prefix + ParameterNames.RECURRENT_BIAS, new long[] {g});
    }
  }

  /** The bundle's architecture record for this model. */
  public Architecture architecture() {
    return new Architecture(
        cell,
        sourceTokens,
        latentDim,
        embeddingDim,
        embeddingDim,
        teacherForcing,
        maxSourceLength,
        maxTargetLength,
        attention);
  }

  /** The shape as manifest / checkpoint entries. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cell", cell.jsonName());
    m.put("sourceTokens", sourceTokens.jsonName());
    m.put("latentDim", latentDim);
    m.put("embeddingDim", embeddingDim);
    m.put("teacherForcing", teacherForcing);
    m.put("sourceVocabularySize", sourceVocabularySize);
    m.put("targetVocabularySize", targetVocabularySize);
    m.put("maxSourceLength", maxSourceLength);
    m.put("maxTargetLength", maxTargetLength);
    if (luong()) {
      m.put("attention", attention.jsonName());
      m.put("dropout", dropout);
    }
    return m;
  }
}
