package org.tinyseq.spark.training;

import java.util.Arrays;
import java.util.Map;
import org.tinyseq.train.model.ModelConfig;
import org.tinyseq.train.model.ParameterNames;
import org.tinyseq.train.training.Batcher;

/**
 * The relative compute of a training batch: its rows times the multiply-adds of its padded steps. A
 * source step runs the encoder's weight matrices, a target step the decoder's (the output layer
 * included); embeddings are lookups and cost nothing worth counting, nor does attention's
 * source-by-target term next to the matrices at these sizes.
 */
final class BatchCost {
  private final Batcher batcher;
  private final long encoderWeights;
  private final long decoderWeights;

  BatchCost(ModelConfig config, Batcher batcher) {
    this.batcher = batcher;
    long encoder = 0;
    long decoder = 0;
    for (Map.Entry<String, long[]> e : config.parameterShapes().entrySet()) {
      long[] shape = e.getValue();
      if (shape.length != 2 || e.getKey().endsWith(ParameterNames.EMBEDDING)) {
        continue;
      }
      long size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
      if (e.getKey().startsWith(ParameterNames.ENCODER)) {
        encoder += size;
      } else {
        decoder += size;
      }
    }
    this.encoderWeights = encoder;
    this.decoderWeights = decoder;
  }

  double of(int[] batch) {
    int[] steps = batcher.paddedSteps(batch);
    return (double) batch.length * (steps[0] * encoderWeights + steps[1] * decoderWeights);
  }
}
