package org.tinyseq.serve.bundle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code manifest.json} of a model bundle.
 *
 * @param format always {@link #FORMAT}
 * @param formatVersion {@link #FORMAT_VERSION} for bundles this code writes; it reads 1 (no
 *     attention) and 2
 * @param kind what the model does; in the JSON its {@link ModelKind#jsonName()}, and an unknown
 *     name is refused by name when the manifest is read
 * @param version unique version label, e.g. {@code translate-20261126T171500Z}
 * @param createdAt ISO-8601 instant
 * @param architecture the graphs' shape
 * @param sourceVocabularySize entries in the source vocabulary (reserved ones included)
 * @param targetVocabularySize entries in the target vocabulary (reserved ones included)
 * @param corpus free-form: name, path, sha256, pair counts
 * @param training free-form: the parameters and the exact command that produced the bundle
 * @param metrics free-form: validation loss, BLEU, chrF, exact match...
 * @param files sha256 (lower-case hex) of every other file of the bundle, by plain file name (see
 *     {@link FileLimits#isPlainName})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    String format,
    int formatVersion,
    ModelKind kind,
    String version,
    String createdAt,
    Architecture architecture,
    int sourceVocabularySize,
    int targetVocabularySize,
    Map<String, Object> corpus,
    Map<String, Object> training,
    Map<String, Object> metrics,
    Map<String, String> files) {

  public static final String FORMAT = "tinyseq-bundle";
  public static final int FORMAT_VERSION = 2;

  /** The oldest version this code reads: version 1 is version 2 without attention. */
  public static final int OLDEST_FORMAT_VERSION = 1;

  public static final String FILE_NAME = "manifest.json";
  public static final String ENCODER_FILE = "encoder.safetensors";
  public static final String DECODER_FILE = "decoder.safetensors";
  public static final String VOCAB_FILE = "vocab.json";
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  /**
   * A builder for a manifest of the current format ({@link #FORMAT}, {@link #FORMAT_VERSION}); the
   * free-form sections start empty.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this manifest. */
  public Builder toBuilder() {
    return new Builder()
        .format(format)
        .formatVersion(formatVersion)
        .kind(kind)
        .version(version)
        .createdAt(createdAt)
        .architecture(architecture)
        .vocabularySizes(sourceVocabularySize, targetVocabularySize)
        .corpus(corpus)
        .training(training)
        .metrics(metrics)
        .files(files);
  }

  /** Returns a copy with the given file checksums. */
  public Manifest withFiles(Map<String, String> newFiles) {
    return toBuilder().files(newFiles).build();
  }

  /** Returns a copy with another version label. */
  public Manifest withVersion(String newVersion) {
    return toBuilder().version(newVersion).build();
  }

  /** Returns a copy with other metrics. */
  public Manifest withMetrics(Map<String, Object> newMetrics) {
    return toBuilder().metrics(newMetrics).build();
  }

  /** Builds a {@link Manifest} part by part; see the record's components for each part. */
  public static final class Builder {
    private String format = FORMAT;
    private int formatVersion = FORMAT_VERSION;
    private ModelKind kind;
    private String version;
    private String createdAt;
    private Architecture architecture;
    private int sourceVocabularySize;
    private int targetVocabularySize;
    private Map<String, Object> corpus = Map.of();
    private Map<String, Object> training = Map.of();
    private Map<String, Object> metrics = Map.of();
    private Map<String, String> files = Map.of();

    private Builder() {}

    public Builder format(String value) {
      format = value;
      return this;
    }

    public Builder formatVersion(int value) {
      formatVersion = value;
      return this;
    }

    public Builder kind(ModelKind value) {
      kind = value;
      return this;
    }

    public Builder version(String value) {
      version = value;
      return this;
    }

    public Builder createdAt(String value) {
      createdAt = value;
      return this;
    }

    public Builder architecture(Architecture value) {
      architecture = value;
      return this;
    }

    /** Entries of the source and target vocabularies, reserved ones included. */
    public Builder vocabularySizes(int source, int target) {
      sourceVocabularySize = source;
      targetVocabularySize = target;
      return this;
    }

    public Builder corpus(Map<String, Object> value) {
      corpus = value;
      return this;
    }

    public Builder training(Map<String, Object> value) {
      training = value;
      return this;
    }

    public Builder metrics(Map<String, Object> value) {
      metrics = value;
      return this;
    }

    public Builder files(Map<String, String> value) {
      files = value;
      return this;
    }

    /** The manifest; {@link BundleWriter} and {@link BundleReader} validate it. */
    public Manifest build() {
      return new Manifest(
          format,
          formatVersion,
          kind,
          version,
          createdAt,
          architecture,
          sourceVocabularySize,
          targetVocabularySize,
          corpus,
          training,
          metrics,
          files);
    }
  }

  void validate() throws BundleException {
    if (!FORMAT.equals(format)) {
      throw new BundleException("not a model bundle: format is '" + format + "'");
    }
    if (formatVersion < OLDEST_FORMAT_VERSION || formatVersion > FORMAT_VERSION) {
      throw new BundleException(
          "unsupported bundle format version "
              + formatVersion
              + " (this build reads versions "
              + OLDEST_FORMAT_VERSION
              + " to "
              + FORMAT_VERSION
              + ")");
    }
    if (kind == null) {
      throw new BundleException("manifest has no kind");
    }
    if (version == null || version.isBlank()) {
      throw new BundleException("manifest has no version");
    }
    if (architecture == null) {
      throw new BundleException("manifest has no architecture");
    }
    architecture.validate();
    if (formatVersion < 2 && architecture.attention() != Attention.NONE) {
      throw new BundleException(
          "attention '" + architecture.attention().jsonName() + "' needs bundle format version 2");
    }
    if (files == null
        || !files.containsKey(ENCODER_FILE)
        || !files.containsKey(DECODER_FILE)
        || !files.containsKey(VOCAB_FILE)) {
      throw new BundleException(
          "manifest must list checksums of "
              + ENCODER_FILE
              + ", "
              + DECODER_FILE
              + ", "
              + VOCAB_FILE);
    }
    for (var f : files.entrySet()) {
      if (FILE_NAME.equals(f.getKey())) {
        throw new BundleException("manifest lists itself among the files");
      }
      FileLimits.requirePlainName(f.getKey());
      if (f.getValue() == null || !SHA256_HEX.matcher(f.getValue()).matches()) {
        throw new BundleException("checksum of " + f.getKey() + " is not a sha256 in hex");
      }
    }
  }
}
