package org.tinyseq.train.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One padded training batch as the graphs' placeholders expect it. Time is the second axis.
 *
 * @param source source ids [B, Ts] (int32, padding 0)
 * @param sourceLength real source length of each row [B] (int32, at least 1)
 * @param sourceMask 1 for real source steps, 0 for padding [B, Ts] (float)
 * @param decoderInput start marker followed by the target ids [B, Tt] (int32)
 * @param labels the target ids followed by the end marker, flattened row-major [B·Tt] (int32)
 * @param labelMask 1 where a label counts in the loss, 0 for padding [B·Tt] (float)
 * @param size B
 * @param targetTokens number of labels that count (the sum of {@code labelMask})
 */
public record Batch(
    INDArray source,
    INDArray sourceLength,
    INDArray sourceMask,
    INDArray decoderInput,
    INDArray labels,
    INDArray labelMask,
    int size,
    int targetTokens) {

  public static final String SOURCE = "source";
  public static final String SOURCE_LENGTH = "sourceLength";
  public static final String SOURCE_MASK = "sourceMask";
  public static final String DECODER_INPUT = "decoderInput";
  public static final String LABELS = "labels";
  public static final String LABEL_MASK = "labelMask";

  public long sourceSteps() {
    return source.size(1);
  }

  public long targetSteps() {
    return decoderInput.size(1);
  }

  /** True when no row's source is padded: every row is {@link #sourceSteps} long. */
  public boolean sourceRowsFull() {
    return sourceLength.minNumber().longValue() == sourceSteps();
  }

  /** All placeholders by name. */
  public Map<String, INDArray> placeholders() {
    Map<String, INDArray> m = new LinkedHashMap<>();
    m.put(SOURCE, source);
    m.put(SOURCE_LENGTH, sourceLength);
    m.put(SOURCE_MASK, sourceMask);
    m.put(DECODER_INPUT, decoderInput);
    m.put(LABELS, labels);
    m.put(LABEL_MASK, labelMask);
    return m;
  }
}
