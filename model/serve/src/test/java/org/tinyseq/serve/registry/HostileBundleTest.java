package org.tinyseq.serve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.FileLimits;
import org.tinyseq.serve.bundle.Manifest;
import org.tinyseq.serve.decode.BatcherConfig;
import org.tinyseq.serve.pool.PoolIndexes;

/**
 * Bundles made hostile on purpose, each with a consistent manifest (right checksums), so that the
 * check under test is what refuses it. Each is refused with a one-line reason, once, within a
 * bounded time, and the model serving before keeps serving.
 */
class HostileBundleTest {
  private static final Duration NEVER_HANGS = Duration.ofSeconds(20);

  @TempDir Path root;
  @TempDir Path elsewhere;

  private final List<String> failures = new CopyOnWriteArrayList<>();
  private ModelRegistry registry;

  @BeforeEach
  void serveAGoodModel() throws IOException {
    ModelDirs.write(root, "translate", "good", 1, 1);
    registry = registry(null);
    registry.scan();
    assertEquals("good", registry.current("translate").version());
  }

  @AfterEach
  void close() {
    registry.close();
  }

  private ModelRegistry registry(Function<String, BundleSource> defaults) {
    return new ModelRegistry(
        List.of("translate", "chat"),
        Optional.of(root),
        defaults,
        new BatcherConfig(4, Duration.ZERO, 16, 1),
        20,
        0,
        new RegistryEvents() {
          @Override
          public void onLoadFailure(String path, String reason) {
            failures.add(path + ": " + reason);
          }
        },
        PoolIndexes.of(Optional.empty(), Optional.of(root)));
  }

  /** A valid newer bundle, staged outside the models directory for editing. */
  private Path staged() throws IOException {
    Path staging = elsewhere.resolve("staging-" + UUID.randomUUID());
    return ModelDirs.write(staging, "translate", "bad", 2, 2);
  }

  /** Publishes the edited bundle, scans twice, asserts one refusal naming {@code reason}. */
  private void assertRefused(Path bad, String reason) throws Exception {
    Files.move(bad, root.resolve("translate").resolve("bad"), StandardCopyOption.ATOMIC_MOVE);
    ScanReport report = assertTimeoutPreemptively(NEVER_HANGS, () -> registry.scan());
    assertEquals("good", registry.current("translate").version(), "the previous model serves");
    String all = String.join("\n", report.refused());
    assertTrue(all.contains("bad: ") && all.contains(reason), all);
    assertTimeoutPreemptively(NEVER_HANGS, () -> registry.scan());
    assertEquals(1, failures.size(), "refused once, not retried as is: " + failures);
  }

  @Test
  void aManifestWithoutACellIsRefusedByWhatItLacks() throws Exception {
    Path bad = staged();
    Path manifest = bad.resolve(Manifest.FILE_NAME);
    Files.writeString(manifest, Files.readString(manifest).replace("\"cell\" : \"lstm\",", ""));
    assertRefused(bad, "architecture has no cell");
  }

  @Test
  void aManifestWithAnUnknownKindIsRefusedByName() throws Exception {
    Path bad = staged();
    Path manifest = bad.resolve(Manifest.FILE_NAME);
    Files.writeString(
        manifest,
        Files.readString(manifest).replace("\"kind\" : \"translate\"", "\"kind\" : \"poem\""));
    assertRefused(bad, "unknown model kind 'poem'");
  }

  @Test
  void aRelativeEscapeIsRefused() throws Exception {
    Path bad = staged();
    byte[] secret = "outside\n".getBytes(StandardCharsets.UTF_8);
    Files.write(elsewhere.resolve("secret.txt"), secret);
    Path published = root.resolve("translate").resolve("bad");
    String escape = published.relativize(elsewhere.resolve("secret.txt")).toString();
    assertTrue(escape.startsWith(".."), escape);
    HostileBundles.list(bad, escape, secret);
    assertRefused(bad, "is not a plain file name");
  }

  @Test
  void anAbsolutePathIsRefused() throws Exception {
    Path bad = staged();
    byte[] secret = "outside\n".getBytes(StandardCharsets.UTF_8);
    Path target = elsewhere.resolve("secret.txt");
    Files.write(target, secret);
    HostileBundles.list(bad, target.toAbsolutePath().toString(), secret);
    assertRefused(bad, "is not a plain file name");
  }

  @Test
  void aSymbolicLinkIsRefused() throws Exception {
    Path bad = staged();
    Path real = elsewhere.resolve("vocab-copy.json");
    Files.move(bad.resolve(Manifest.VOCAB_FILE), real);
    Files.createSymbolicLink(bad.resolve(Manifest.VOCAB_FILE), real);
    assertRefused(bad, "vocab.json is a symbolic link");
  }

  @Test
  void aFifoIsRefusedWithoutBlocking() throws Exception {
    Path bad = staged();
    mkfifo(bad.resolve("notes.txt"));
    HostileBundles.editManifest(
        bad, m -> ((ObjectNode) m.get("files")).put("notes.txt", HostileBundles.anySha()));
    assertRefused(bad, "notes.txt is not a regular file");
  }

  @Test
  void aFifoAsTheManifestIsRefusedWithoutBlocking() throws Exception {
    Path bad = staged();
    Files.delete(bad.resolve(Manifest.FILE_NAME));
    mkfifo(bad.resolve(Manifest.FILE_NAME));
    assertRefused(bad, "manifest.json is not a regular file");
  }

  @Test
  void aHugeListedFileIsRefusedBeforeReading() throws Exception {
    Path bad = staged();
    try (RandomAccessFile f = new RandomAccessFile(bad.resolve("huge.bin").toFile(), "rw")) {
      f.setLength(50L << 30); // sparse: 50 GB that take no disk
    }
    HostileBundles.editManifest(
        bad, m -> ((ObjectNode) m.get("files")).put("huge.bin", HostileBundles.anySha()));
    assertRefused(bad, "huge.bin is larger than the " + FileLimits.OTHER_MAX + " bytes");
  }

  @Test
  void aTensorFileLargerThanItsTensorsNeedIsRefused() throws Exception {
    Path bad = staged();
    Path dec = bad.resolve(Manifest.DECODER_FILE);
    try (RandomAccessFile f = new RandomAccessFile(dec.toFile(), "rw")) {
      f.setLength(f.length() + (2L << 20)); // more than tensors + the largest header
    }
    HostileBundles.list(bad, Manifest.DECODER_FILE, Files.readAllBytes(dec));
    assertRefused(bad, "decoder.safetensors is larger than the");
  }

  @Test
  void anAbsurdShapeWithoutBytesIsRefused() throws Exception {
    Path bad = staged();
    HostileBundles.editHeader(
        bad,
        Manifest.ENCODER_FILE,
        h -> {
          long end = lastEnd(h);
          ObjectNode t = h.putObject("junk");
          t.put("dtype", "F32");
          t.putArray("shape").add(65536).add(65536).add(65536).add(65536);
          t.putArray("data_offsets").add(end).add(end);
        });
    assertRefused(bad, "encoder.safetensors: unreadable tensors");
  }

  @Test
  void anUnexpectedTensorIsRefused() throws Exception {
    Path bad = staged();
    HostileBundles.editHeader(
        bad,
        Manifest.ENCODER_FILE,
        h -> {
          long end = lastEnd(h);
          ObjectNode t = h.putObject("junk");
          t.put("dtype", "F32");
          t.putArray("shape").add(0);
          t.putArray("data_offsets").add(end).add(end);
        });
    assertRefused(bad, "unexpected tensor junk");
  }

  @Test
  void overlappingOffsetsAreRefused() throws Exception {
    Path bad = staged();
    HostileBundles.editHeader(
        bad,
        Manifest.DECODER_FILE,
        h -> {
          // output_bias (the last tensor) now reads the first bytes of the data again
          ArrayNode o = (ArrayNode) h.get("output_bias").get("data_offsets");
          long len = o.get(1).asLong() - o.get(0).asLong();
          o.removeAll().add(0).add(len);
        });
    assertRefused(bad, "tensors overlap at byte 0");
  }

  @Test
  void outOfRangeOffsetsAreRefused() throws Exception {
    Path bad = staged();
    HostileBundles.editHeader(
        bad,
        Manifest.DECODER_FILE,
        h -> {
          ArrayNode o = (ArrayNode) h.get("output_bias").get("data_offsets");
          long len = o.get(1).asLong() - o.get(0).asLong();
          long far = 1L << 40;
          o.removeAll().add(far).add(far + len);
        });
    assertRefused(bad, "outside the data");
  }

  @Test
  void aTruncatedHeaderIsRefused() throws Exception {
    Path bad = staged();
    byte[] bytes = Files.readAllBytes(bad.resolve(Manifest.ENCODER_FILE));
    HostileBundles.replace(bad, Manifest.ENCODER_FILE, java.util.Arrays.copyOf(bytes, 40));
    assertRefused(bad, "corrupt header length");
  }

  @Test
  void aHeaderLengthBeyondTheFileIsRefused() throws Exception {
    Path bad = staged();
    HostileBundles.setHeaderLength(bad, Manifest.ENCODER_FILE, 1L << 62);
    assertRefused(bad, "corrupt header length");
  }

  @Test
  void aWrongDtypeIsRefused() throws Exception {
    Path bad = staged();
    HostileBundles.editHeader(
        bad, Manifest.DECODER_FILE, h -> ((ObjectNode) h.get("output_bias")).put("dtype", "F16"));
    assertRefused(bad, "unsupported dtype \"F16\"");
  }

  @Test
  void anErrorWhileLoadingIsOneRefusalAndTheScanGoesOn() throws Exception {
    registry.close();
    ModelDirs.write(root, "chat", "chat-ok", 1, 3);
    registry =
        registry(
            kind ->
                new BundleSource() {
                  @Override
                  public String location() {
                    return "hostile:" + kind;
                  }

                  @Override
                  public byte[] read(String fileName, long maxBytes) {
                    throw new OutOfMemoryError("injected");
                  }
                });
    ModelDirs.deleteTree(root.resolve("translate"));
    ScanReport report = assertTimeoutPreemptively(NEVER_HANGS, () -> registry.scan());
    assertEquals("chat-ok", registry.current("chat").version(), "the other kind still loads");
    String all = String.join("\n", report.refused());
    assertTrue(all.contains("default:translate: unexpected failure"), all);
    registry.scan();
    assertEquals(1, failures.size(), "logged once: " + failures);
  }

  private static long lastEnd(ObjectNode header) {
    long end = 0;
    for (var it = header.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getKey().equals("__metadata__")) {
        end = Math.max(end, e.getValue().get("data_offsets").get(1).asLong());
      }
    }
    return end;
  }

  private static void mkfifo(Path p) throws Exception {
    Process mk;
    try {
      mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    } catch (IOException e) {
      mk = null;
    }
    assumeTrue(mk != null && mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo");
  }
}
