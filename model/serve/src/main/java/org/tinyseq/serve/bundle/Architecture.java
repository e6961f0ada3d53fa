package org.tinyseq.serve.bundle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.tinyseq.serve.text.TokenUnit;

/**
 * What the encoder and decoder graphs compute; see docs/bundle-format.md for the exact arithmetic.
 * The cell and the source tokens are kept as the manifest's strings, so that a bundle with an
 * unknown one is read and then refused by name ({@link #validate()}); {@link #cellType()} and
 * {@link #tokenUnit()} are their types.
 *
 * @param cell {@code lstm} or {@code gru}
 * @param sourceTokens {@code char} or {@code word}: how the source text becomes ids
 * @param latentDim hidden size H of both recurrent layers
 * @param sourceEmbeddingDim embedding size of the encoder input; 0 means one-hot input
 * @param targetEmbeddingDim embedding size of the decoder input; 0 means one-hot input
 * @param teacherForcing whether the decoder was trained with teacher forcing (informational)
 * @param maxSourceLength longest source, in tokens, seen in training
 * @param maxTargetLength longest target, in characters, seen in training (the decode step limit)
 * @param attention {@code none} (the Keras design) or {@code luong} (bidirectional encoder, Luong
 *     general attention with input feeding; bundle format version 2); null reads as {@code none}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Architecture(
    String cell,
    String sourceTokens,
    int latentDim,
    int sourceEmbeddingDim,
    int targetEmbeddingDim,
    boolean teacherForcing,
    int maxSourceLength,
    int maxTargetLength,
    String attention) {

  public static final String NONE = "none";
  public static final String LUONG = "luong";

  public Architecture {
    attention = attention == null ? NONE : attention;
  }

  /** The Keras design without attention (what every version 1 bundle is). */
  public Architecture(
      String cell,
      String sourceTokens,
      int latentDim,
      int sourceEmbeddingDim,
      int targetEmbeddingDim,
      boolean teacherForcing,
      int maxSourceLength,
      int maxTargetLength) {
    this(
        cell,
        sourceTokens,
        latentDim,
        sourceEmbeddingDim,
        targetEmbeddingDim,
        teacherForcing,
        maxSourceLength,
        maxTargetLength,
        NONE);
  }

  /** The Keras design without attention, by type. */
  public Architecture(
      Cell cell,
      TokenUnit sourceTokens,
      int latentDim,
      int sourceEmbeddingDim,
      int targetEmbeddingDim,
      boolean teacherForcing,
      int maxSourceLength,
      int maxTargetLength) {
    this(
        cell,
        sourceTokens,
        latentDim,
        sourceEmbeddingDim,
        targetEmbeddingDim,
        teacherForcing,
        maxSourceLength,
        maxTargetLength,
        NONE);
  }

  /** By type, with the given attention ({@link #NONE} or {@link #LUONG}). */
  public Architecture(
      Cell cell,
      TokenUnit sourceTokens,
      int latentDim,
      int sourceEmbeddingDim,
      int targetEmbeddingDim,
      boolean teacherForcing,
      int maxSourceLength,
      int maxTargetLength,
      String attention) {
    this(
        cell.jsonName(),
        sourceTokens.jsonName(),
        latentDim,
        sourceEmbeddingDim,
        targetEmbeddingDim,
        teacherForcing,
        maxSourceLength,
        maxTargetLength,
        attention);
  }

  /** The cell; {@link IllegalStateException} for an unknown one (refused by validation). */
  public Cell cellType() {
    return Cell.fromJson(cell)
        .orElseThrow(() -> new IllegalStateException("unsupported cell '" + cell + "'"));
  }

  /**
   * How source text becomes tokens; {@link IllegalStateException} for an unknown unit (refused by
   * validation).
   */
  public TokenUnit tokenUnit() {
    return TokenUnit.fromJson(sourceTokens)
        .orElseThrow(
            () -> new IllegalStateException("unsupported source tokens '" + sourceTokens + "'"));
  }

  /** True for the attention model of bundle format version 2. */
  public boolean luong() {
    return LUONG.equals(attention);
  }

  /** Number of gate blocks in the kernels: 4 for LSTM (i, f, g, o), 3 for GRU (r, z, n). */
  public int gates() {
    return Cell.fromJson(cell).orElse(Cell.LSTM).gates();
  }

  void validate() throws BundleException {
    if (Cell.fromJson(cell).isEmpty()) {
      throw new BundleException("unsupported cell '" + cell + "' (this decoder knows lstm, gru)");
    }
    if (TokenUnit.fromJson(sourceTokens).isEmpty()) {
      throw new BundleException(
          "unsupported source tokens '" + sourceTokens + "' (this decoder knows char, word)");
    }
    if (latentDim <= 0 || sourceEmbeddingDim < 0 || targetEmbeddingDim < 0) {
      throw new BundleException("invalid sizes in architecture: " + this);
    }
    if (maxSourceLength <= 0 || maxTargetLength <= 0) {
      throw new BundleException("invalid length limits in architecture: " + this);
    }
    if (!NONE.equals(attention) && !LUONG.equals(attention)) {
      throw new BundleException(
          "unsupported attention '" + attention + "' (this decoder knows none, luong)");
    }
    if (luong() && cellType() != Cell.LSTM) {
      throw new BundleException("attention luong is defined for cell lstm only, not " + cell);
    }
    if (luong() && latentDim % 2 != 0) {
      throw new BundleException(
          "attention luong needs an even latentDim (two encoder directions), got " + latentDim);
    }
  }
}
