package org.tinyseq.serve.bundle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.tinyseq.serve.text.TokenUnit;

/**
 * What the encoder and decoder graphs compute; see docs/bundle-format.md for the exact arithmetic.
 * In {@code manifest.json} the cell, the source tokens and the attention are their {@code
 * jsonName()} strings; an unknown one is refused by name when the manifest is read. Code builds an
 * architecture with {@link #builder()}, which checks every argument; {@link #validate()} checks a
 * bundle's (hostile) manifest with the same rules.
 *
 * @param cell the recurrent cell of both layers
 * @param sourceTokens how the source text becomes ids
 * @param latentDim hidden size H of both recurrent layers
 * @param sourceEmbeddingDim embedding size of the encoder input; 0 means one-hot input
 * @param targetEmbeddingDim embedding size of the decoder input; 0 means one-hot input
 * @param teacherForcing whether the decoder was trained with teacher forcing (informational)
 * @param maxSourceLength longest source, in tokens, seen in training
 * @param maxTargetLength longest target, in characters, seen in training (the decode step limit)
 * @param attention {@link Attention#NONE} (the Keras design) or {@link Attention#LUONG}; absent
 *     (format version 1) reads as none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Architecture(
    Cell cell,
    TokenUnit sourceTokens,
    int latentDim,
    int sourceEmbeddingDim,
    int targetEmbeddingDim,
    boolean teacherForcing,
    int maxSourceLength,
    int maxTargetLength,
    Attention attention) {

  public Architecture {
    attention = attention == null ? Attention.NONE : attention;
  }

  /** A builder: LSTM over characters, teacher forcing, no attention; sizes must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this architecture. */
  public Builder toBuilder() {
    return new Builder()
        .cell(cell)
        .sourceTokens(sourceTokens)
        .latentDim(latentDim)
        .embeddingDims(sourceEmbeddingDim, targetEmbeddingDim)
        .teacherForcing(teacherForcing)
        .maxLengths(maxSourceLength, maxTargetLength)
        .attention(attention);
  }

  /** True for the attention model of bundle format version 2. */
  public boolean luong() {
    return attention == Attention.LUONG;
  }

  /** Number of gate blocks in the kernels: 4 for LSTM (i, f, g, o), 3 for GRU (r, z, n). */
  public int gates() {
    // The registry's heap estimate reads a manifest before it is validated; validate() refuses a
    // missing cell by name, so here it must not fail first.
    return (cell == null ? Cell.LSTM : cell).gates();
  }

  void validate() throws BundleException {
    String problem = problem();
    if (problem != null) {
      throw new BundleException(problem);
    }
  }

  /** What is wrong with this architecture, or null: the one rule set of builder and reader. */
  private String problem() {
    if (cell == null) {
      return "architecture has no cell";
    }
    if (sourceTokens == null) {
      return "architecture has no sourceTokens";
    }
    if (latentDim <= 0 || sourceEmbeddingDim < 0 || targetEmbeddingDim < 0) {
      return "invalid sizes in architecture: " + this;
    }
    if (maxSourceLength <= 0 || maxTargetLength <= 0) {
      return "invalid length limits in architecture: " + this;
    }
    if (luong() && cell != Cell.LSTM) {
      return "attention luong is defined for cell lstm only, not " + cell.jsonName();
    }
    if (luong() && latentDim % 2 != 0) {
      return "attention luong needs an even latentDim (two encoder directions), got " + latentDim;
    }
    return null;
  }

  /** Builds an {@link Architecture} part by part; see the record's components for each part. */
  public static final class Builder {
    private Cell cell = Cell.LSTM;
    private TokenUnit sourceTokens = TokenUnit.CHAR;
    private int latentDim;
    private int sourceEmbeddingDim;
    private int targetEmbeddingDim;
    private boolean teacherForcing = true;
    private int maxSourceLength;
    private int maxTargetLength;
    private Attention attention = Attention.NONE;

    private Builder() {}

    public Builder cell(Cell value) {
      cell = value;
      return this;
    }

    public Builder sourceTokens(TokenUnit value) {
      sourceTokens = value;
      return this;
    }

    /** Hidden size of both recurrent layers; even with attention. */
    public Builder latentDim(int value) {
      latentDim = value;
      return this;
    }

    /** Embedding sizes of the encoder and decoder inputs; 0 = one-hot. */
    public Builder embeddingDims(int source, int target) {
      sourceEmbeddingDim = source;
      targetEmbeddingDim = target;
      return this;
    }

    public Builder teacherForcing(boolean value) {
      teacherForcing = value;
      return this;
    }

    /** Longest source (tokens) and target (characters) seen in training. */
    public Builder maxLengths(int source, int target) {
      maxSourceLength = source;
      maxTargetLength = target;
      return this;
    }

    public Builder attention(Attention value) {
      attention = value;
      return this;
    }

    /**
     * The architecture.
     *
     * @throws IllegalArgumentException for a missing cell or tokens, a size or length below its
     *     minimum, or attention with a GRU or an odd latentDim
     */
    public Architecture build() {
      Architecture a =
          new Architecture(
              cell,
              sourceTokens,
              latentDim,
              sourceEmbeddingDim,
              targetEmbeddingDim,
              teacherForcing,
              maxSourceLength,
              maxTargetLength,
              attention);
      String problem = a.problem();
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      return a;
    }
  }
}
