package org.tinyseq.serve.bundle;

import java.util.Map;
import org.tinyseq.serve.text.Vocabulary;

/**
 * A verified model bundle in memory: its manifest, vocabularies and the two graphs' weights.
 * Obtained through {@link BundleReader}, which refuses anything inconsistent.
 */
public record Bundle(
    Manifest manifest,
    Vocabulary sourceVocabulary,
    Vocabulary targetVocabulary,
    Map<String, Tensor> encoder,
    Map<String, Tensor> decoder,
    String location) {

  public String kind() {
    return manifest.kind();
  }

  public String version() {
    return manifest.version();
  }

  public Architecture architecture() {
    return manifest.architecture();
  }
}
