package org.tinyseq.serve.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.memory.MemoryFile;
import org.tinyseq.serve.memory.MemoryFileException;
import org.tinyseq.serve.text.Vocabulary;

/** Loads a bundle and refuses it unless every check passes: format, checksums, shapes, sizes. */
public final class BundleReader {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private BundleReader() {}

  public static Bundle read(BundleSource source) throws BundleException {
    String where = source.location();
    Manifest manifest;
    JsonNode manifestTree;
    try {
      manifestTree = JSON.readTree(source.read(Manifest.FILE_NAME));
      manifest = JSON.treeToValue(manifestTree, Manifest.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new BundleException(where + ": cannot read " + Manifest.FILE_NAME + " (" + e + ")", e);
    }
    try {
      manifest.validate();
      if (manifest.formatVersion() >= 2 && !manifestTree.path("architecture").has("attention")) {
        throw new BundleException("format version 2 requires architecture.attention");
      }
    } catch (BundleException e) {
      throw new BundleException(where + ": " + e.getMessage(), e);
    }
    for (var file : manifest.files().entrySet()) {
      byte[] bytes = readFile(source, file.getKey());
      String actual = Checksums.sha256(bytes);
      if (!actual.equalsIgnoreCase(file.getValue())) {
        throw new BundleException(
            where + ": checksum mismatch for " + file.getKey() + " (corrupt or truncated bundle)");
      }
    }
    Vocabulary src;
    Vocabulary tgt;
    try {
      VocabFile vocab = JSON.readValue(readFile(source, Manifest.VOCAB_FILE), VocabFile.class);
      src = new Vocabulary(vocab.source());
      tgt = new Vocabulary(vocab.target());
    } catch (IOException | RuntimeException e) {
      throw new BundleException(
          where + ": invalid " + Manifest.VOCAB_FILE + " (" + e.getMessage() + ")", e);
    }
    if (src.size() != manifest.sourceVocabularySize()
        || tgt.size() != manifest.targetVocabularySize()) {
      throw new BundleException(where + ": vocabulary sizes do not match the manifest");
    }
    Map<String, Tensor> enc =
        SafeTensors.read(readFile(source, Manifest.ENCODER_FILE), Manifest.ENCODER_FILE);
    Map<String, Tensor> dec =
        SafeTensors.read(readFile(source, Manifest.DECODER_FILE), Manifest.DECODER_FILE);
    Architecture a = manifest.architecture();
    if (a.luong()) {
      checkAttentionEncoder(where, enc, a, src.size());
      checkAttentionDecoder(where, dec, a, tgt.size());
    } else {
      checkGraph(where, "encoder", enc, a, a.sourceEmbeddingDim(), src.size(), false, 0);
      checkGraph(where, "decoder", dec, a, a.targetEmbeddingDim(), tgt.size(), true, tgt.size());
    }
    ExampleMemory memory = readMemory(source, manifest);
    return new Bundle(manifest, src, tgt, enc, dec, where, memory);
  }

  /**
   * The example memory when the manifest lists {@value MemoryFile#FILE_NAME}, else null. Its
   * threshold is {@code metrics.memory.threshold}; a memory without a threshold in [0, 1], or a
   * threshold without a memory, is refused.
   */
  private static ExampleMemory readMemory(BundleSource source, Manifest manifest)
      throws BundleException {
    String where = source.location();
    boolean listed = manifest.files().containsKey(MemoryFile.FILE_NAME);
    Object threshold = memoryThreshold(manifest);
    if (!listed) {
      if (threshold != null) {
        throw new BundleException(
            where + ": metrics.memory.threshold is set but there is no " + MemoryFile.FILE_NAME);
      }
      return null;
    }
    if (!(threshold instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
      throw new BundleException(
          where + ": " + MemoryFile.FILE_NAME + " needs metrics.memory.threshold within [0, 1]");
    }
    try {
      return new ExampleMemory(
          MemoryFile.read(readFile(source, MemoryFile.FILE_NAME)), n.doubleValue());
    } catch (MemoryFileException | RuntimeException e) {
      throw new BundleException(where + ": invalid " + e.getMessage(), e);
    }
  }

  /** {@code metrics.memory.threshold} as found (any type), null when absent. */
  static Object memoryThreshold(Manifest manifest) {
    Map<String, Object> metrics = manifest.metrics();
    if (metrics != null && metrics.get("memory") instanceof Map<?, ?> memory) {
      return memory.get("threshold");
    }
    return null;
  }

  private static byte[] readFile(BundleSource source, String name) throws BundleException {
    try {
      return source.read(name);
    } catch (IOException e) {
      throw new BundleException(source.location() + ": missing or unreadable file " + name, e);
    }
  }

  private static void checkGraph(
      String where,
      String graph,
      Map<String, Tensor> t,
      Architecture a,
      int embeddingDim,
      int vocabSize,
      boolean hasOutput,
      int outputSize)
      throws BundleException {
    int h = a.latentDim();
    int g = a.gates() * h;
    int inputDim = embeddingDim > 0 ? embeddingDim : vocabSize;
    List<String> problems = new ArrayList<>();
    if (embeddingDim > 0) {
      expect(problems, t, "embedding", vocabSize, embeddingDim);
    }
    expect(problems, t, "kernel", inputDim, g);
    expect(problems, t, "recurrent_kernel", h, g);
    expect(problems, t, "bias", g);
    if (Architecture.GRU.equals(a.cell())) {
      expect(problems, t, "recurrent_bias", g);
    }
    if (hasOutput) {
      expect(problems, t, "output_kernel", h, outputSize);
      expect(problems, t, "output_bias", outputSize);
    }
    refuse(where, graph, problems);
  }

  /** Version 2, {@code luong}: two LSTM directions of He = H/2 sharing one embedding. */
  private static void checkAttentionEncoder(
      String where, Map<String, Tensor> t, Architecture a, int vocabSize) throws BundleException {
    int he = a.latentDim() / 2;
    int e = a.sourceEmbeddingDim();
    List<String> problems = new ArrayList<>();
    if (e > 0) {
      expect(problems, t, "embedding", vocabSize, e);
    }
    for (String prefix : List.of("", "backward_")) {
      expect(problems, t, prefix + "kernel", e > 0 ? e : vocabSize, 4 * he);
      expect(problems, t, prefix + "recurrent_kernel", he, 4 * he);
      expect(problems, t, prefix + "bias", 4 * he);
    }
    refuse(where, "encoder", problems);
  }

  /** Version 2, {@code luong}: input feeding, attention and the attentional output. */
  private static void checkAttentionDecoder(
      String where, Map<String, Tensor> t, Architecture a, int vocabSize) throws BundleException {
    int h = a.latentDim();
    int e = a.targetEmbeddingDim();
    List<String> problems = new ArrayList<>();
    if (e > 0) {
      expect(problems, t, "embedding", vocabSize, e);
    }
    expect(problems, t, "kernel", (e > 0 ? e : vocabSize) + h, 4 * h);
    expect(problems, t, "recurrent_kernel", h, 4 * h);
    expect(problems, t, "bias", 4 * h);
    expect(problems, t, "attention_kernel", h, h);
    expect(problems, t, "attention_output_kernel", 2 * h, h);
    expect(problems, t, "output_kernel", h, vocabSize);
    expect(problems, t, "output_bias", vocabSize);
    refuse(where, "decoder", problems);
  }

  private static void refuse(String where, String graph, List<String> problems)
      throws BundleException {
    if (!problems.isEmpty()) {
      throw new BundleException(
          where + ": " + graph + " does not match the manifest: " + String.join("; ", problems));
    }
  }

  private static void expect(
      List<String> problems, Map<String, Tensor> t, String name, int... shape) {
    Tensor tensor = t.get(name);
    if (tensor == null) {
      problems.add("missing tensor " + name);
    } else if (!java.util.Arrays.equals(tensor.shape(), shape)) {
      problems.add(
          name
              + " has shape "
              + java.util.Arrays.toString(tensor.shape())
              + ", expected "
              + java.util.Arrays.toString(shape));
    }
  }

  /** The layout of {@code vocab.json}. */
  record VocabFile(List<String> source, List<String> target) {}
}
