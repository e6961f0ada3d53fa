package org.tinyseq.serve.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.memory.MemoryFile;
import org.tinyseq.serve.memory.MemoryFileException;
import org.tinyseq.serve.pool.PoolFile;
import org.tinyseq.serve.pool.PoolFileException;
import org.tinyseq.serve.pool.ReplyPool;
import org.tinyseq.serve.text.Vocabulary;

/**
 * Loads a bundle and refuses it unless every check passes: format, file names, sizes, checksums,
 * tensor layout, names and shapes. Every byte of a bundle is treated as hostile input: see {@link
 * FileLimits} and {@link SafeTensors#read}.
 */
public final class BundleReader {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private BundleReader() {}

  public static Bundle read(BundleSource source) throws BundleException {
    return read(source, null, NO_INDEX);
  }

  /**
   * {@link #read(BundleSource)}, except that a reply pool for which {@code poolIndexed} (given the
   * pool file's listed sha256) says an index already exists is only checksummed, not decoded: it
   * was checked whole when that index was built ({@link ReplyPool#alreadyIndexed}). The model
   * loader passes {@code PoolIndexes::hasIndex}, which saves a later start the pool's decoding.
   */
  public static Bundle read(BundleSource source, Predicate<String> poolIndexed)
      throws BundleException {
    return read(source, null, poolIndexed);
  }

  private static final Predicate<String> NO_INDEX = sha256 -> false;

  /**
   * {@link #read(BundleSource)}, the manifest's own sha256 required to be {@code manifestSha256}
   * when that is not null (a part of another bundle, which lists that checksum).
   */
  private static Bundle read(
      BundleSource source, String manifestSha256, Predicate<String> poolIndexed)
      throws BundleException {
    String where = source.location();
    Manifest manifest = readManifest(source, manifestSha256);
    FileLimits limits;
    try {
      manifest.validate();
      limits =
          FileLimits.of(manifest)
              .with(MemoryFile.FILE_NAME, MemoryFile.MAX_FILE_BYTES)
              .with(PoolFile.FILE_NAME, PoolFile.MAX_FILE_BYTES);
    } catch (BundleException e) {
      throw new BundleException(where + ": " + e.getMessage(), e);
    }
    VerifiedFiles files = new VerifiedFiles(source, manifest, limits);
    Vocabulary src;
    Vocabulary tgt;
    try {
      VocabFile vocab = JSON.readValue(files.read(Manifest.VOCAB_FILE), VocabFile.class);
      src = new Vocabulary(vocab.source());
      tgt = new Vocabulary(vocab.target());
    } catch (IOException | RuntimeException e) {
      throw new BundleException(
          where + ": invalid " + Manifest.VOCAB_FILE + " (" + e.getMessage() + ")", e);
    }
    checkTokens(where, "source", src);
    checkTokens(where, "target", tgt);
    if (src.size() != manifest.sourceVocabularySize()
        || tgt.size() != manifest.targetVocabularySize()) {
      throw new BundleException(where + ": vocabulary sizes do not match the manifest");
    }
    Architecture a = manifest.architecture();
    Map<String, Tensor> enc = tensors(source, Manifest.ENCODER_FILE, files);
    Map<String, Tensor> dec = tensors(source, Manifest.DECODER_FILE, files);
    checkGraph(where, "encoder", enc, GraphShapes.encoder(a, src.size()));
    checkGraph(where, "decoder", dec, GraphShapes.decoder(a, tgt.size()));
    ExampleMemory memory = readMemory(source, manifest, files);
    ReplyPool pool = readPool(source, manifest, files, limits, poolIndexed);
    files.verifyRest();
    Bundle reverse = readReverse(source, manifest);
    return new Bundle(manifest, src, tgt, enc, dec, where, memory, pool, reverse);
  }

  /**
   * The reply pool when the manifest lists {@value PoolFile#FILE_NAME}, checked whole; else null.
   */
  private static ReplyPool readPool(
      BundleSource source,
      Manifest manifest,
      VerifiedFiles files,
      FileLimits limits,
      Predicate<String> poolIndexed)
      throws BundleException {
    if (!manifest.files().containsKey(PoolFile.FILE_NAME)) {
      return null;
    }
    long cap = limits.maxBytes(PoolFile.FILE_NAME);
    String listed = manifest.files().get(PoolFile.FILE_NAME);
    try {
      if (poolIndexed.test(listed)) {
        byte[] file = files.read(PoolFile.FILE_NAME); // its sha256 is the listed one
        return ReplyPool.alreadyIndexed(
            listed, file.length, () -> source.read(PoolFile.FILE_NAME, cap));
      }
      return ReplyPool.verify(
          files.read(PoolFile.FILE_NAME), () -> source.read(PoolFile.FILE_NAME, cap));
    } catch (PoolFileException | RuntimeException e) {
      throw new BundleException(source.location() + ": invalid " + e.getMessage(), e);
    }
  }

  /**
   * The reverse model when the manifest lists the part {@value Manifest#REVERSE_PART}: a whole
   * bundle in that sub-folder, read with every check of this reader, whose manifest has the listed
   * sha256, of kind chat, trained reversed ({@code training.reverse}) on the same corpus, and with
   * no part of its own.
   */
  private static Bundle readReverse(BundleSource source, Manifest manifest) throws BundleException {
    String where = source.location();
    String sha = manifest.parts() == null ? null : manifest.parts().get(Manifest.REVERSE_PART);
    if (sha == null) {
      return null;
    }
    BundleSource sub;
    try {
      sub = source.subfolder(Manifest.REVERSE_PART);
    } catch (IOException e) {
      throw new BundleException(where + ": reverse model: " + e.getMessage(), e);
    }
    Manifest reverse = readManifest(sub, sha);
    String problem = reverseProblem(manifest, reverse);
    if (problem != null) {
      throw new BundleException(where + ": reverse model refused: " + problem);
    }
    return read(sub, sha, NO_INDEX);
  }

  /** Why {@code reverse} cannot be the reverse model of {@code forward}; null when it can. */
  private static String reverseProblem(Manifest forward, Manifest reverse) {
    if (reverse.parts() != null
        || (reverse.files() != null && reverse.files().containsKey(PoolFile.FILE_NAME))) {
      return "it carries a pool or a part of its own";
    }
    if (reverse.files() != null && reverse.files().containsKey(MemoryFile.FILE_NAME)) {
      // Only a scorer: a memory would be loaded (and its index built in the heap) for nothing.
      return "it carries an example memory (a reverse model only scores)";
    }
    if (reverse.kind() != ModelKind.CHAT) {
      return "its kind is '" + reverse.kind().jsonName() + "', not chat";
    }
    if (!isTrue(reverse.training(), "reverse")) {
      return "it was not trained reply -> message (training.reverse is not true)";
    }
    if (isTrue(forward.training(), "reverse")) {
      return "the bundle itself was trained reply -> message";
    }
    Object forwardCorpus = forward.corpus() == null ? null : forward.corpus().get("sha256");
    Object reverseCorpus = reverse.corpus() == null ? null : reverse.corpus().get("sha256");
    if (forwardCorpus != null && !forwardCorpus.equals(reverseCorpus)) {
      return "it was trained on another corpus (corpus.sha256 differs)";
    }
    return null;
  }

  private static boolean isTrue(Map<String, Object> map, String key) {
    return map != null && Boolean.TRUE.equals(map.get(key));
  }

  /**
   * The example memory when the manifest lists {@value MemoryFile#FILE_NAME}, else null. Its
   * threshold is {@code metrics.memory.threshold}; a memory without a threshold in [0, 1], or a
   * threshold without a memory, is refused.
   */
  private static ExampleMemory readMemory(
      BundleSource source, Manifest manifest, VerifiedFiles files) throws BundleException {
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
      return new ExampleMemory(MemoryFile.read(files.read(MemoryFile.FILE_NAME)), n.doubleValue());
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

  /** The manifest alone, read within its size cap (the models directory lists bundles by it). */
  public static Manifest readManifest(BundleSource source) throws BundleException {
    return readManifest(source, null);
  }

  private static Manifest readManifest(BundleSource source, String expectedSha256)
      throws BundleException {
    Manifest m;
    JsonNode tree;
    try {
      byte[] bytes = source.read(Manifest.FILE_NAME, FileLimits.MANIFEST_MAX);
      if (expectedSha256 != null && !Checksums.sha256(bytes).equalsIgnoreCase(expectedSha256)) {
        throw new BundleException(
            source.location()
                + ": checksum mismatch for "
                + Manifest.FILE_NAME
                + " (corrupt or replaced part)");
      }
      tree = JSON.readTree(bytes);
      m = tree == null ? null : JSON.treeToValue(tree, Manifest.class);
      if (m == null) {
        throw new IOException("empty");
      }
    } catch (ValueInstantiationException e) {
      // an unknown kind, cell, source tokens or attention: the enum's own message names it
      String reason =
          e.getCause() instanceof IllegalArgumentException named
              ? named.getMessage()
              : "cannot read " + Manifest.FILE_NAME + " (" + e.getMessage() + ")";
      throw new BundleException(source.location() + ": " + reason, e);
    } catch (IOException | RuntimeException e) {
      throw new BundleException(
          source.location() + ": cannot read " + Manifest.FILE_NAME + " (" + e.getMessage() + ")",
          e);
    }
    if (m.formatVersion() >= 2 && !tree.path("architecture").has("attention")) {
      throw new BundleException(
          source.location() + ": format version 2 requires architecture.attention");
    }
    return m;
  }

  private static Map<String, Tensor> tensors(BundleSource source, String file, VerifiedFiles files)
      throws BundleException {
    byte[] bytes = files.read(file);
    try {
      return SafeTensors.read(bytes, file);
    } catch (BundleException e) {
      throw new BundleException(source.location() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Tokens are printed (decoded text goes to Discord and to the console), so a token may hold no
   * control character, as a memory entry may not: a hostile bundle must not write terminal escapes.
   * The reserved start and end markers (tab, line feed) are the only exceptions.
   */
  private static void checkTokens(String where, String side, Vocabulary v) throws BundleException {
    for (int i = Vocabulary.RESERVED.size(); i < v.size(); i++) {
      String token = v.token(i);
      for (int k = 0; k < token.length(); k++) {
        if (Character.isISOControl(token.charAt(k))) {
          throw new BundleException(
              where
                  + ": invalid "
                  + Manifest.VOCAB_FILE
                  + " ("
                  + side
                  + " token "
                  + i
                  + " holds a control character)");
        }
      }
    }
  }

  /** The graph must hold exactly the tensors the architecture expects, each of its shape. */
  private static void checkGraph(
      String where, String graph, Map<String, Tensor> t, Map<String, int[]> expected)
      throws BundleException {
    List<String> problems = new ArrayList<>();
    for (var e : expected.entrySet()) {
      Tensor tensor = t.get(e.getKey());
      if (tensor == null) {
        problems.add("missing tensor " + e.getKey());
      } else if (!Arrays.equals(tensor.shape(), e.getValue())) {
        problems.add(
            e.getKey()
                + " has shape "
                + Arrays.toString(tensor.shape())
                + ", expected "
                + Arrays.toString(e.getValue()));
      }
    }
    TreeSet<String> unknown = new TreeSet<>(t.keySet());
    unknown.removeAll(expected.keySet());
    for (String name : unknown) {
      problems.add("unexpected tensor " + FileLimits.printable(name));
    }
    if (!problems.isEmpty()) {
      throw new BundleException(
          where + ": " + graph + " does not match the manifest: " + String.join("; ", problems));
    }
  }

  /** The layout of {@code vocab.json}. */
  record VocabFile(List<String> source, List<String> target) {}
}
