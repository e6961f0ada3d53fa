package org.tinyseq.serve.answer;

import java.util.concurrent.CompletableFuture;
import org.tinyseq.serve.registry.LoadedModel;

/** Produces the answer of one command with the model serving it. */
public interface AnswerPath {
  /**
   * The answer to a checked, normalised input (the service has already refused empty, invalid and
   * too long inputs); never throws: every failure is a failed future.
   */
  CompletableFuture<Produced> answer(LoadedModel model, String input);
}
