package org.tinyseq.serve.bundle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code manifest.json} of a model bundle.
 *
 * @param format always {@link #FORMAT}
 * @param formatVersion {@link #FORMAT_VERSION} for bundles this code writes, {@link
 *     #CHAT_PARTS_FORMAT_VERSION} for a chat bundle with a reply pool or reverse model; it reads 1
 *     (no attention) to 3
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
 * @param parts (format version 3, chat only; absent otherwise) the bundles in sub-folders, by
 *     folder name, each with the sha256 of its {@code manifest.json}; the only part is {@link
 *     #REVERSE_PART}
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
    Map<String, String> files,
    Map<String, String> parts) {

  public static final String FORMAT = "tinyseq-bundle";

  /** The version written for a bundle without version-3 parts (readable by older builds). */
  public static final int FORMAT_VERSION = 2;

  /** The version of a chat bundle with a reply pool ({@code pool.tsv.xz}) or reverse model. */
  public static final int CHAT_PARTS_FORMAT_VERSION = 3;

  /** The newest version this code reads. */
  public static final int NEWEST_FORMAT_VERSION = 3;

  /** The sub-folder holding a chat bundle's reverse model (reply to message). */
  public static final String REVERSE_PART = "reverse";

  /** {@code pool.tsv.xz}, the reply pool of a chat bundle. */
  public static final String POOL_FILE = org.tinyseq.serve.pool.PoolFile.FILE_NAME;

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
        .files(files)
        .parts(parts);
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
    private Map<String, String> parts;

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

    /** The bundles in sub-folders and their manifests' sha256; null or empty = none. */
    public Builder parts(Map<String, String> value) {
      parts = value == null || value.isEmpty() ? null : value;
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
          files,
          parts);
    }
  }

  void validate() throws BundleException {
    if (!FORMAT.equals(format)) {
      throw new BundleException("not a model bundle: format is '" + format + "'");
    }
    if (formatVersion < OLDEST_FORMAT_VERSION || formatVersion > NEWEST_FORMAT_VERSION) {
      throw new BundleException(
          "unsupported bundle format version "
              + formatVersion
              + " (this build reads versions "
              + OLDEST_FORMAT_VERSION
              + " to "
              + NEWEST_FORMAT_VERSION
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
    validateChatParts();
  }

  /** Version 3: a pool and sub-folder parts belong to chat bundles of version 3 or later only. */
  private void validateChatParts() throws BundleException {
    boolean pool = files.containsKey(POOL_FILE);
    boolean sub = parts != null && !parts.isEmpty();
    if (!pool && !sub) {
      return;
    }
    String what = pool ? POOL_FILE : "parts";
    if (formatVersion < CHAT_PARTS_FORMAT_VERSION) {
      throw new BundleException(what + " needs bundle format version " + CHAT_PARTS_FORMAT_VERSION);
    }
    if (kind != ModelKind.CHAT) {
      throw new BundleException(what + " belongs to chat bundles only, not " + kind);
    }
    if (sub) {
      for (var p : parts.entrySet()) {
        if (!REVERSE_PART.equals(p.getKey())) {
          throw new BundleException(
              "unknown part '"
                  + FileLimits.printable(p.getKey())
                  + "' (only "
                  + REVERSE_PART
                  + ")");
        }
        if (p.getValue() == null || !SHA256_HEX.matcher(p.getValue()).matches()) {
          throw new BundleException("checksum of part " + p.getKey() + " is not a sha256 in hex");
        }
      }
    }
  }
}
