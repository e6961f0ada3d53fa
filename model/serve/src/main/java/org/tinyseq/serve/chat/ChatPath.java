package org.tinyseq.serve.chat;

import java.util.concurrent.CompletableFuture;
import org.tinyseq.serve.AnswerSource;
import org.tinyseq.serve.answer.AnswerPath;
import org.tinyseq.serve.answer.MemoryThenDecoder;
import org.tinyseq.serve.answer.Produced;
import org.tinyseq.serve.registry.LoadedModel;

/**
 * The chat path: a model with a {@link ChatRanker} (a bundle with a retrieval pool) answers with
 * the ranked reply (retrieve, generate, score); a model without one, or the service with memory off
 * ("the decoder alone", for comparison), answers as before: {@link MemoryThenDecoder}.
 */
public final class ChatPath implements AnswerPath {
  private final boolean memoryOn;
  private final MemoryThenDecoder fallback;

  public ChatPath(boolean memoryOn, int maxSteps, java.time.Duration startWithin) {
    this.memoryOn = memoryOn;
    this.fallback = new MemoryThenDecoder(memoryOn, maxSteps, startWithin);
  }

  @Override
  public CompletableFuture<Produced> answer(LoadedModel model, String input) {
    ChatRanker ranker = model.chatRanker();
    if (!memoryOn || ranker == null) {
      return fallback.answer(model, input);
    }
    return ranker
        .submit(input)
        .thenApply(
            r ->
                new Produced(
                    r.text(),
                    false,
                    r.origin() == ChatCandidate.Origin.GENERATED
                        ? AnswerSource.GENERATED
                        : AnswerSource.RETRIEVED));
  }
}
