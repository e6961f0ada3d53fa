package org.tinyseq.train.cli;

import java.util.List;
import java.util.Locale;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleException;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.bundle.ModelRef;
import org.tinyseq.serve.chat.ChatAnswerer;
import org.tinyseq.serve.chat.ChatParts;
import org.tinyseq.serve.chat.ChatRanking;
import org.tinyseq.serve.chat.MemoryRetriever;
import org.tinyseq.serve.chat.ReplyRetriever;
import org.tinyseq.serve.decode.GreedyDecoder;
import picocli.CommandLine.Option;

/**
 * Where a command gets the chat path of a chat bundle: the bundle's own parts ({@link
 * ChatParts#of}), as the service does, or stand-ins for a bundle without them.
 */
public final class ChatPathOptions {
  @Option(
      names = "--chat-reverse",
      paramLabel = "<bundle>",
      description =
          "chat bundles: the reverse model (reply -> message) of the chat path when the bundle"
              + " carries none")
  String reverse;

  @Option(
      names = "--chat-pool",
      defaultValue = "bundle",
      paramLabel = "bundle|memory|none",
      description =
          "chat bundles: the chat path's retrieval pool: the bundle's own (bundle), the bundle's"
              + " example memory searched by trigram cosine (memory: a stand-in for bundles without"
              + " a pool), or none (default: ${DEFAULT-VALUE})")
  String pool;

  @Option(
      names = "--chat-ranking",
      split = ",",
      paramLabel = "λ,k,N,penalty",
      description =
          "chat bundles: this ranking instead of the bundle's metrics.chatRanking (e.g. to measure"
              + " a setting before recording it)")
  List<Double> ranking;

  /**
   * The chat path the service would run for {@code bundle} (with the stand-ins these options name),
   * or null: a translate bundle, or no pool.
   */
  public ChatAnswerer answerer(Bundle bundle, int maxSteps) throws BundleException {
    if (bundle.kind() != ModelKind.CHAT) {
      return null;
    }
    ChatParts parts = ChatParts.of(bundle);
    ReplyRetriever retriever =
        switch (pool.toLowerCase(Locale.ROOT)) {
          case "bundle" -> parts.retriever();
          case "memory" -> bundle.hasMemory() ? new MemoryRetriever(bundle.memory()) : null;
          case "none" -> null;
          default ->
              throw new IllegalArgumentException("--chat-pool must be bundle, memory or none");
        };
    if (retriever == null) {
      return null;
    }
    GreedyDecoder reverseDecoder =
        reverse != null ? GreedyDecoder.of(ModelRef.load(reverse)) : parts.reverse();
    return new ChatAnswerer(
        GreedyDecoder.of(bundle), reverseDecoder, retriever, ranking(bundle), maxSteps);
  }

  private ChatRanking ranking(Bundle bundle) {
    if (ranking == null) {
      return ChatRanking.fromMetrics(bundle.manifest().metrics());
    }
    if (ranking.size() != 4
        || ranking.get(1) != Math.rint(ranking.get(1))
        || ranking.get(2) != Math.rint(ranking.get(2))) {
      throw new IllegalArgumentException(
          "--chat-ranking takes λ,k,N,penalty with whole k and N, e.g. 0.5,8,2,0.5");
    }
    return new ChatRanking(
        ranking.get(0), ranking.get(1).intValue(), ranking.get(2).intValue(), ranking.get(3));
  }
}
