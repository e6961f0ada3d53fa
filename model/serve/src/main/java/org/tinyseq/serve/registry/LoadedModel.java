package org.tinyseq.serve.registry;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.Manifest;
import org.tinyseq.serve.chat.ChatRanker;
import org.tinyseq.serve.chat.ReplyRetriever;
import org.tinyseq.serve.decode.DecodeBatcher;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.memory.MemoryFile;

/**
 * A verified, warmed-up model ready to serve: its bundle (with its example memory, which swaps with
 * it), decoder and batcher. Immutable apart from a reference count: each request {@link #tryAcquire
 * acquires} the model it starts on and {@link #release releases} it when its decode is done; the
 * registry holds one reference of its own until it {@link #retire retires} the model. When the
 * count reaches zero nothing can use the model any more and its batcher is closed (on the
 * registry's retire thread, never on a decoder thread).
 */
public final class LoadedModel {
  private static final Logger log = LoggerFactory.getLogger(LoadedModel.class);

  private final Bundle bundle;
  private final ReplyRetriever retriever;
  private final GreedyDecoder decoder;
  private final DecodeBatcher batcher;
  private final ChatRanker chatRanker;
  private final Path path;
  private final Fingerprint fingerprint;
  private final String cacheId;
  private final Instant loadedAt = Instant.now();
  private final AtomicInteger references = new AtomicInteger(1);
  private final AtomicBoolean retired = new AtomicBoolean();
  private final Executor closer;

  LoadedModel(
      Bundle bundle,
      GreedyDecoder decoder,
      DecodeBatcher batcher,
      ReplyRetriever retriever,
      Path path,
      Fingerprint fingerprint,
      Executor closer) {
    this(bundle, decoder, batcher, retriever, null, path, fingerprint, closer);
  }

  LoadedModel(
      Bundle bundle,
      GreedyDecoder decoder,
      DecodeBatcher batcher,
      ReplyRetriever retriever,
      ChatRanker chatRanker,
      Path path,
      Fingerprint fingerprint,
      Executor closer) {
    this.bundle = bundle;
    this.retriever = retriever;
    this.decoder = decoder;
    this.batcher = batcher;
    this.chatRanker = chatRanker;
    this.path = path;
    this.fingerprint = fingerprint;
    this.closer = closer;
    // The version label is meant to be unique, but two directories could carry the same label with
    // different weights or memories; their checksums make the cache identity exact.
    String sha = bundle.manifest().files().getOrDefault("decoder.safetensors", "");
    Manifest m = bundle.manifest();
    this.cacheId =
        bundle.version()
            + "@"
            + prefix(sha)
            + part(m.files().get(MemoryFile.FILE_NAME))
            + part(m.files().get(Manifest.POOL_FILE))
            + part(m.parts() == null ? null : m.parts().get(Manifest.REVERSE_PART));
  }

  private static String prefix(String sha) {
    return sha.substring(0, Math.min(16, sha.length()));
  }

  private static String part(String sha) {
    return sha == null || sha.isEmpty() ? "" : "+" + prefix(sha);
  }

  /**
   * The retriever over the bundle's reply pool (its index built or reused at load), when the bundle
   * has a pool. It closes with the model, after the model's last reference is released: use it
   * while holding a reference ({@link #tryAcquire}).
   */
  public Optional<ReplyRetriever> retriever() {
    return Optional.ofNullable(retriever);
  }

  public Bundle bundle() {
    return bundle;
  }

  public GreedyDecoder decoder() {
    return decoder;
  }

  public DecodeBatcher batcher() {
    return batcher;
  }

  /** The ranked chat path of a chat bundle with a retrieval pool, else null. */
  public ChatRanker chatRanker() {
    return chatRanker;
  }

  public String kind() {
    return bundle.kind().jsonName();
  }

  public String version() {
    return bundle.version();
  }

  /** Identity of this model in the result cache: version plus weights checksum. */
  public String cacheId() {
    return cacheId;
  }

  public String location() {
    return bundle.location();
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  public Map<String, Object> metrics() {
    Map<String, Object> m = bundle.manifest().metrics();
    return m == null ? Map.of() : m;
  }

  /** The bundle directory, null for an embedded default. */
  Path path() {
    return path;
  }

  Fingerprint fingerprint() {
    return fingerprint;
  }

  /** Takes a reference; false once the model is retired and drained. */
  public boolean tryAcquire() {
    while (true) {
      int n = references.get();
      if (n == 0) {
        return false;
      }
      if (references.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Gives back a reference taken by {@link #tryAcquire}. */
  public void release() {
    if (references.decrementAndGet() == 0) {
      closer.execute(this::close);
    }
  }

  private void close() {
    if (chatRanker != null) {
      chatRanker.close();
    }
    batcher.close();
    if (retriever instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("Could not close the reply pool index of {}: {}", version(), e.toString());
      }
    }
  }

  /** Drops the registry's own reference (once): the model closes when its last request is done. */
  void retire() {
    if (retired.compareAndSet(false, true)) {
      release();
    }
  }

  @Override
  public String toString() {
    return version() + " (" + location() + ")";
  }
}
