package org.tinyseq.serve.answer;

import java.time.Duration;
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
  private final Duration startWithin;

  /**
   * @param memoryOn answer from the example memory when it matches (false: the decoder alone)
   * @param maxSteps the decoder's step limit
   * @param startWithin the caller's deadline, handed to the batcher: a request no worker took by
   *     then is dropped from the queue (its caller has given up)
   */
  public MemoryThenDecoder(boolean memoryOn, int maxSteps, Duration startWithin) {
    this.memoryOn = memoryOn;
    this.maxSteps = maxSteps;
    this.startWithin = startWithin;
  }

  /** The example memory's answer when it is on and matches, else null. */
  public static Produced remembered(LoadedModel model, String input, boolean memoryOn) {
    ExampleMemory memory = memoryOn ? model.bundle().memory() : null;
    MemoryMatch match = memory == null ? null : memory.answer(input);
    return match == null ? null : new Produced(match.target(), false, AnswerSource.MEMORY);
  }

  @Override
  public CompletableFuture<Produced> answer(LoadedModel model, String input) {
    try {
      Produced remembered = remembered(model, input, memoryOn);
      if (remembered != null) {
        return CompletableFuture.completedFuture(remembered);
      }
      return model
          .batcher()
          .submit(model.decoder().sourceIds(input), maxSteps, startWithin)
          .thenApply(d -> new Produced(d.text(), d.hitStepLimit(), AnswerSource.DECODER));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
