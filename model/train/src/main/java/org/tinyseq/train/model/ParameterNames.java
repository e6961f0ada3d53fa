package org.tinyseq.train.model;

/**
 * Names of the trainable variables: a graph prefix ({@link #ENCODER} or {@link #DECODER}) plus the
 * tensor name the bundle format uses. Gate blocks inside the kernels are in the bundle's order
 * (LSTM i, f, g, o; GRU r, z, n).
 */
public final class ParameterNames {
  public static final String ENCODER = "encoder.";
  public static final String DECODER = "decoder.";
  public static final String EMBEDDING = "embedding";
  public static final String KERNEL = "kernel";
  public static final String RECURRENT_KERNEL = "recurrent_kernel";
  public static final String BIAS = "bias";
  public static final String RECURRENT_BIAS = "recurrent_bias";
  public static final String OUTPUT_KERNEL = "output_kernel";
  public static final String OUTPUT_BIAS = "output_bias";

  /** Prefix of the attention encoder's backward direction ({@code backward_kernel}, ...). */
  public static final String BACKWARD = "backward_";

  public static final String ATTENTION_KERNEL = "attention_kernel";
  public static final String ATTENTION_OUTPUT_KERNEL = "attention_output_kernel";

  private ParameterNames() {}
}
