package org.tinyseq.serve.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleException;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.chat.ChatAnswerer;
import org.tinyseq.serve.chat.ChatParts;
import org.tinyseq.serve.chat.ChatRanker;
import org.tinyseq.serve.chat.ChatRanking;
import org.tinyseq.serve.chat.ReplyRetriever;
import org.tinyseq.serve.decode.BatcherConfig;
import org.tinyseq.serve.decode.DecodeBatcher;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.decode.SourceIds;
import org.tinyseq.serve.pool.LuceneReplyRetriever;
import org.tinyseq.serve.pool.PoolFileException;
import org.tinyseq.serve.pool.PoolIndexes;
import org.tinyseq.serve.text.TokenUnit;

/**
 * Turns a bundle into a {@link LoadedModel}: reads and verifies it ({@link BundleReader}: format,
 * checksums, shapes), checks that its kind is the expected one and that the decoder supports its
 * architecture, opens the index of its reply pool when it has one ({@link PoolIndexes}: reused, or
 * built on first load), warms it up with a few decodes (direct and through the batcher) and one
 * search, and only then hands it over. Every failure is a {@link BundleException} with a one-line
 * reason.
 */
final class ModelLoader {
  static final int WARMUP_DECODES = 3;
  private static final long WARMUP_TIMEOUT_SECONDS = 30;

  private final BatcherConfig batcherConfig;
  private final int maxOutputSteps;
  private final Executor retireExecutor;
  private final IntConsumer onBatch;
  private final PoolIndexes poolIndexes;
  private final BiFunction<Bundle, ReplyRetriever, ChatParts> chatParts;

  ModelLoader(
      BatcherConfig batcherConfig,
      int maxOutputSteps,
      Executor retireExecutor,
      IntConsumer onBatch,
      PoolIndexes poolIndexes) {
    this(batcherConfig, maxOutputSteps, retireExecutor, onBatch, poolIndexes, ChatParts::of);
  }

  /** Tests: the chat parts come from {@code chatParts} instead of the bundle. */
  ModelLoader(
      BatcherConfig batcherConfig,
      int maxOutputSteps,
      Executor retireExecutor,
      IntConsumer onBatch,
      Function<Bundle, ChatParts> chatParts) {
    this(
        batcherConfig, maxOutputSteps, retireExecutor, onBatch, null, (b, r) -> chatParts.apply(b));
  }

  /**
   * @param chatParts the reverse model and retrieval pool of a chat bundle, from the bundle and the
   *     retriever over its pool (null without one)
   */
  private ModelLoader(
      BatcherConfig batcherConfig,
      int maxOutputSteps,
      Executor retireExecutor,
      IntConsumer onBatch,
      PoolIndexes poolIndexes,
      BiFunction<Bundle, ReplyRetriever, ChatParts> chatParts) {
    this.poolIndexes = poolIndexes;
    this.batcherConfig = batcherConfig;
    this.maxOutputSteps = maxOutputSteps;
    this.retireExecutor = retireExecutor;
    this.onBatch = onBatch;
    this.chatParts = chatParts;
  }

  LoadedModel load(BundleSource source, String expectedKind, Path path, Fingerprint fingerprint)
      throws BundleException {
    Bundle bundle =
        poolIndexes == null
            ? BundleReader.read(source) // tests that bring their own chat parts
            : BundleReader.read(source, poolIndexes::hasIndex);
    if (!expectedKind.equals(bundle.kind().jsonName())) {
      throw new BundleException(
          "manifest kind '"
              + bundle.kind().jsonName()
              + "' does not match folder '"
              + expectedKind
              + "'");
    }
    GreedyDecoder decoder;
    try {
      decoder = GreedyDecoder.of(bundle);
    } catch (RuntimeException e) {
      throw new BundleException("architecture not supported by the decoder: " + e.getMessage(), e);
    }
    LuceneReplyRetriever retriever = openPool(bundle);
    try {
      return warmUp(bundle, decoder, retriever, path, fingerprint);
    } catch (BundleException | RuntimeException | Error e) {
      closeQuietly(retriever);
      throw e;
    }
  }

  /** The retriever of the bundle's reply pool (index reused or built, then one warm-up search). */
  private LuceneReplyRetriever openPool(Bundle bundle) throws BundleException {
    if (bundle.pool().isEmpty()) {
      return null;
    }
    LuceneReplyRetriever retriever;
    try {
      retriever = poolIndexes.open(bundle.pool().get());
    } catch (IOException | PoolFileException | RuntimeException e) {
      throw new BundleException("reply pool index failed: " + e.getMessage(), e);
    }
    try {
      retriever.top(warmupText(bundle), 8);
    } catch (RuntimeException e) {
      closeQuietly(retriever);
      throw new BundleException("warm-up search of the reply pool failed: " + e, e);
    }
    return retriever;
  }

  private static void closeQuietly(LuceneReplyRetriever retriever) {
    if (retriever != null) {
      try {
        retriever.close();
      } catch (IOException e) {
        // nothing more to do: the load is failing already
      }
    }
  }

  private LoadedModel warmUp(
      Bundle bundle,
      GreedyDecoder decoder,
      LuceneReplyRetriever retriever,
      Path path,
      Fingerprint fingerprint)
      throws BundleException {
    SourceIds sample = decoder.sourceIds(warmupText(bundle));
    int steps = Math.max(1, Math.min(maxOutputSteps, bundle.architecture().maxTargetLength()));
    try {
      for (int i = 0; i < WARMUP_DECODES; i++) {
        decoder.decode(sample, steps);
      }
      decoder.decodeBatch(List.of(sample, sample), steps);
    } catch (RuntimeException e) {
      throw new BundleException("warm-up decode failed: " + e, e);
    }
    // The warm-up batch below is not reported to onBatch: it is no request.
    AtomicBoolean warm = new AtomicBoolean();
    DecodeBatcher batcher =
        new DecodeBatcher(
            decoder,
            batcherConfig,
            size -> {
              if (warm.get()) {
                onBatch.accept(size);
              }
            });
    try {
      batcher.submit(sample, steps).get(WARMUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      warm.set(true);
    } catch (ExecutionException | TimeoutException | RuntimeException | Error e) {
      batcher.close();
      throw new BundleException("warm-up through the batcher failed: " + e, e);
    } catch (InterruptedException e) {
      batcher.close();
      Thread.currentThread().interrupt();
      throw new BundleException("interrupted during warm-up", e);
    }
    ChatRanker ranker;
    try {
      ranker = chatRanker(bundle, decoder, retriever, steps);
    } catch (BundleException | RuntimeException | Error e) {
      batcher.close();
      throw e instanceof BundleException b ? b : new BundleException("chat path: " + e, e);
    }
    return new LoadedModel(
        bundle, decoder, batcher, retriever, ranker, path, fingerprint, retireExecutor);
  }

  /** The ranked chat path of a chat bundle with a retrieval pool, warmed up; else null. */
  private ChatRanker chatRanker(
      Bundle bundle, GreedyDecoder decoder, ReplyRetriever retriever, int steps)
      throws BundleException {
    if (bundle.kind() != ModelKind.CHAT) {
      return null;
    }
    ChatParts parts = chatParts.apply(bundle, retriever);
    if (parts == null || parts.retriever() == null) {
      return null;
    }
    ChatRanking ranking;
    try {
      ranking = ChatRanking.fromMetrics(bundle.manifest().metrics());
    } catch (IllegalArgumentException e) {
      throw new BundleException(e.getMessage(), e);
    }
    ChatAnswerer answerer =
        new ChatAnswerer(decoder, parts.reverse(), parts.retriever(), ranking, steps);
    answerer.reply(warmupText(bundle));
    return new ChatRanker(answerer, batcherConfig.threads(), batcherConfig.queueCapacity());
  }

  /** A short text made of the model's own source tokens, so the warm-up exercises real rows. */
  static String warmupText(Bundle bundle) {
    List<String> tokens = bundle.sourceVocabulary().tokens();
    int regular = tokens.size() - 4;
    if (regular <= 0) {
      return "a";
    }
    String sep = bundle.architecture().sourceTokens() == TokenUnit.WORD ? " " : "";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(8, regular); i++) {
      if (i > 0) {
        sb.append(sep);
      }
      sb.append(tokens.get(4 + i));
    }
    return sb.toString();
  }
}
