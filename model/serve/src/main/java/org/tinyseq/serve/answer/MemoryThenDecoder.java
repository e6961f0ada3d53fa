package org.tinyseq.serve.answer;

import java.util.concurrent.CompletableFuture;
import org.tinyseq.serve.AnswerSource;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.memory.MemoryMatch;
import org.tinyseq.serve.registry.LoadedModel;

/**
 * The translate path: the bundle's example memory when it holds a close enough training source (and
 * memory is on), else greedy decoding through the model's batcher.
 */
public final class MemoryThenDecoder implements AnswerPath {
  private final boolean memoryOn;
  private final int maxSteps;

  /**
   * @param memoryOn answer from the example memory when it matches (false: the decoder alone)
   * @param maxSteps the decoder's step limit
   */
  public MemoryThenDecoder(boolean memoryOn, int maxSteps) {
    this.memoryOn = memoryOn;
    this.maxSteps = maxSteps;
  }

  @Override
  public CompletableFuture<Produced> answer(LoadedModel model, String input) {
    try {
      ExampleMemory memory = memoryOn ? model.bundle().memory() : null;
      if (memory != null) {
        MemoryMatch match = memory.answer(input);
        if (match != null) {
          return CompletableFuture.completedFuture(
              new Produced(match.target(), false, AnswerSource.MEMORY));
        }
      }
      return model
          .batcher()
          .submit(model.decoder().sourceIds(input), maxSteps)
          .thenApply(d -> new Produced(d.text(), d.hitStepLimit(), AnswerSource.DECODER));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
