package org.tinyseq.serve.chat;

import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.decode.GreedyDecoder;

/**
 * What a chat bundle brings besides its own model for the ranked chat path.
 *
 * @param reverse the reverse chat model's decoder (reply → message), null for none
 * @param retriever the retrieval pool, null for none (then the bundle answers as before)
 */
public record ChatParts(GreedyDecoder reverse, ReplyRetriever retriever) {
  /** A bundle without pool and reverse model. */
  public static final ChatParts NONE = new ChatParts(null, null);

  /**
   * The parts a chat bundle carries. Bundle format 3 (issue 18: the reverse model as {@code
   * Bundle.reverse()} and the retrieval pool) provides them; this is the one place that reads them,
   * for the service and for model.jar alike. Older bundles have none and answer as before (memory,
   * then decoder).
   */
  public static ChatParts of(Bundle bundle) {
    ReplyRetriever retriever = null;
    if (bundle.pool().isPresent()) {
      try {
        retriever =
            org.tinyseq.serve.pool.PoolIndexes.of(
                    java.util.Optional.empty(), java.util.Optional.empty())
                .open(bundle.pool().get());
      } catch (Exception e) {
        throw new IllegalStateException("reply pool index failed: " + e.getMessage(), e);
      }
    }
    return of(bundle, retriever);
  }

  /** The parts of {@code bundle} with the retriever the registry opened over its pool. */
  public static ChatParts of(Bundle bundle, ReplyRetriever retriever) {
    GreedyDecoder reverse = bundle.reverse().map(GreedyDecoder::of).orElse(null);
    return retriever == null ? NONE : new ChatParts(reverse, retriever);
  }
}
