package org.tinyseq.serve.bundle;

import java.util.Map;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.text.Vocabulary;

/**
 * A verified model bundle in memory: its manifest, vocabularies, the two graphs' weights and its
 * example memory (null for a bundle without one). Obtained through {@link BundleReader}, which
 * refuses anything inconsistent.
 */
public record Bundle(
    Manifest manifest,
    Vocabulary sourceVocabulary,
    Vocabulary targetVocabulary,
    Map<String, Tensor> encoder,
    Map<String, Tensor> decoder,
    String location,
    ExampleMemory memory) {

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
