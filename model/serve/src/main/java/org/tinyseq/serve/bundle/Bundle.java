package org.tinyseq.serve.bundle;

import java.util.Map;
import java.util.Optional;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.pool.ReplyPool;
import org.tinyseq.serve.text.Vocabulary;

/**
 * A verified model bundle in memory: its manifest, vocabularies, the two graphs' weights, its
 * example memory (null for a bundle without one) and, for a chat bundle of format version 3, its
 * reply pool and reverse model (null when absent). Obtained through {@link BundleReader}, which
 * refuses anything inconsistent.
 *
 * @param replyPool the verified {@code pool.tsv.xz} ({@link #pool()}), or null
 * @param reverseModel the verified bundle in {@code reverse/} ({@link #reverse()}), or null
 */
public record Bundle(
    Manifest manifest,
    Vocabulary sourceVocabulary,
    Vocabulary targetVocabulary,
    Map<String, Tensor> encoder,
    Map<String, Tensor> decoder,
    String location,
    ExampleMemory memory,
    ReplyPool replyPool,
    Bundle reverseModel) {

  /** A bundle without a reply pool or reverse model. */
  public Bundle(
      Manifest manifest,
      Vocabulary sourceVocabulary,
      Vocabulary targetVocabulary,
      Map<String, Tensor> encoder,
      Map<String, Tensor> decoder,
      String location,
      ExampleMemory memory) {
    this(
        manifest,
        sourceVocabulary,
        targetVocabulary,
        encoder,
        decoder,
        location,
        memory,
        null,
        null);
  }

  /** A bundle without an example memory. */
  public Bundle(
      Manifest manifest,
      Vocabulary sourceVocabulary,
      Vocabulary targetVocabulary,
      Map<String, Tensor> encoder,
      Map<String, Tensor> decoder,
      String location) {
    this(manifest, sourceVocabulary, targetVocabulary, encoder, decoder, location, null);
  }

  /** True when the bundle carries an example memory. */
  public boolean hasMemory() {
    return memory != null;
  }

  /** The reply pool ({@code pool.tsv.xz}, format version 3, chat only), when the bundle has one. */
  public Optional<ReplyPool> pool() {
    return Optional.ofNullable(replyPool);
  }

  /**
   * The reverse model (reply to message, {@code reverse/}, format version 3, chat only), when the
   * bundle has one: a complete bundle of its own, verified like this one.
   */
  public Optional<Bundle> reverse() {
    return Optional.ofNullable(reverseModel);
  }

  public ModelKind kind() {
    return manifest.kind();
  }

  public String version() {
    return manifest.version();
  }

  public Architecture architecture() {
    return manifest.architecture();
  }
}
