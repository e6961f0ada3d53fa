package org.tinyseq.serve.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.pool.PoolFile;
import org.tinyseq.serve.pool.PoolFileException;
import org.tinyseq.serve.pool.ReplyPool;

/**
 * Format version 3: a chat bundle's reply pool and reverse model are read, verified and refused
 * like every other part; versions 1 and 2 read as before.
 */
class BundleV3Test {
  static final byte[] POOL =
      PoolFile.write(List.of(List.of("hi there", "Hello!", "How are you?"), List.of("a", "b")));

  @TempDir Path dir;

  private static Bundle read(Path p) throws BundleException {
    return BundleReader.read(BundleSource.directory(p));
  }

  private static void refused(Path p, String expected) {
    BundleException e = assertThrows(BundleException.class, () -> read(p));
    assertTrue(e.getMessage().contains(expected), expected + " / " + e.getMessage());
  }

  @Test
  void readsThePoolAndTheReverseModel() throws Exception {
    Bundle b = read(ChatBundles.write(dir, "chat-3", POOL, true));
    assertEquals(3, b.manifest().formatVersion());
    assertEquals(3, b.pool().orElseThrow().pairs());
    assertEquals(2, b.pool().orElseThrow().dialogues());
    assertEquals(Checksums.sha256(POOL), b.pool().orElseThrow().sha256());
    Bundle reverse = b.reverse().orElseThrow();
    assertEquals("reverse", reverse.version());
    assertEquals(true, reverse.manifest().training().get("reverse"));
    assertTrue(reverse.reverse().isEmpty() && reverse.pool().isEmpty());
  }

  @Test
  void bothPartsAreOptional() throws Exception {
    Bundle poolOnly = read(ChatBundles.write(dir, "chat-p", POOL, false));
    assertTrue(poolOnly.pool().isPresent());
    assertTrue(poolOnly.reverse().isEmpty());
    Bundle reverseOnly = read(ChatBundles.write(dir, "chat-r", null, true));
    assertTrue(reverseOnly.pool().isEmpty());
    assertTrue(reverseOnly.reverse().isPresent());
    Path v2 =
        RandomBundles.write(
            dir, "chat", "chat-2", TestBundles.lstm(8, 4), ChatBundles.SOURCE, List.of("x"), 1);
    Bundle old = read(v2);
    assertEquals(2, old.manifest().formatVersion());
    assertFalse(old.pool().isPresent() || old.reverse().isPresent());
  }

  @Test
  void refusesAHostilePoolEvenWithAMatchingChecksum() throws Exception {
    byte[] lying = xz("tinyseq-pool\t1\t1\t5\na\tb\n");
    refused(ChatBundles.write(dir, "chat-x", lying, false), "invalid pool.tsv.xz");
  }

  @Test
  void aPoolWithAnIndexIsOnlyChecksummedAndIsCheckedWholeWhenItsIndexMustBeBuilt()
      throws Exception {
    byte[] lying = xz("tinyseq-pool\t1\t1\t5\na\tb\n");
    Path p = ChatBundles.write(dir, "chat-x", lying, false);
    String listed = Checksums.sha256(lying);
    Bundle b = BundleReader.read(BundleSource.directory(p), sha -> sha.equals(listed));
    ReplyPool pool = b.pool().orElseThrow();
    assertFalse(pool.checkedWhole(), "not decoded: its index exists");
    assertEquals(-1, pool.pairs());
    assertEquals(listed, pool.sha256());
    // No index after all (or an unusable one): building it checks the file whole and refuses it.
    PoolFileException e =
        assertThrows(
            PoolFileException.class,
            () -> org.tinyseq.serve.pool.PoolIndexes.under(dir.resolve("idx")).open(pool));
    assertTrue(e.getMessage().contains(PoolFile.FILE_NAME), e.getMessage());
    // A corrupted file is refused all the same: its checksum is still checked.
    Files.write(p.resolve(PoolFile.FILE_NAME), xz("something else"));
    assertThrows(
        BundleException.class, () -> BundleReader.read(BundleSource.directory(p), sha -> true));
  }

  @Test
  void refusesAPoolThatFailsItsChecksumOrItsCap() throws Exception {
    Path p = ChatBundles.write(dir, "chat-x", POOL, false);
    byte[] bytes = Files.readAllBytes(p.resolve(PoolFile.FILE_NAME));
    bytes[bytes.length / 2] ^= 1;
    Files.write(p.resolve(PoolFile.FILE_NAME), bytes);
    refused(p, "checksum mismatch for pool.tsv.xz");
    Path big = ChatBundles.write(dir, "chat-big", POOL, false);
    Files.write(big.resolve(PoolFile.FILE_NAME), new byte[PoolFile.MAX_FILE_BYTES + 1]);
    refused(big, "larger than");
  }

  @Test
  void refusesVersion3PartsInAnOlderVersionOrAnotherKind() throws Exception {
    Path v2 = ChatBundles.write(dir, "chat-a", POOL, true);
    edit(v2, m -> m.put("formatVersion", 2));
    refused(v2, "needs bundle format version 3");
    Path translate = ChatBundles.write(dir, "chat-b", POOL, false);
    edit(translate, m -> m.put("kind", "translate"));
    refused(translate, "chat bundles only");
    Path unknown = ChatBundles.write(dir, "chat-c", null, true);
    edit(unknown, m -> ((ObjectNode) m.get("parts")).put("other", anySha()));
    refused(unknown, "unknown part");
    Path future = ChatBundles.write(dir, "chat-d", null, false);
    edit(future, m -> m.put("formatVersion", 4));
    refused(future, "unsupported bundle format version 4");
  }

  @Test
  void refusesAReverseModelThatIsNotTheOneListed() throws Exception {
    Path p = ChatBundles.write(dir, "chat-x", null, true);
    edit(p.resolve("reverse"), m -> m.put("createdAt", "2027-01-01T00:00:00Z"));
    refused(p, "checksum mismatch for manifest.json");
    Path gone = ChatBundles.write(dir, "chat-y", null, true);
    for (Path f :
        ChatBundles.files(gone.resolve("reverse")).keySet().stream()
            .map(n -> gone.resolve("reverse").resolve(n))
            .toList()) {
      Files.delete(f);
    }
    Files.delete(gone.resolve("reverse"));
    refused(gone, "reverse/ is missing");
  }

  @Test
  void refusesAReverseFolderThatIsALink() throws Exception {
    Path p = ChatBundles.write(dir, "chat-x", null, true);
    Path real = Files.move(p.resolve("reverse"), dir.resolve("elsewhere"));
    Files.createSymbolicLink(p.resolve("reverse"), real);
    refused(p, "not a folder of the bundle");
  }

  @Test
  void refusesAReverseModelOfAnotherKindDirectionOrCorpus() throws Exception {
    Object[][] cases = {
      {(Consumer<ObjectNode>) m -> m.put("kind", "translate"), "not chat"},
      {
        (Consumer<ObjectNode>) m -> ((ObjectNode) m.get("training")).put("reverse", false),
        "not trained reply -> message"
      },
      {
        (Consumer<ObjectNode>) m -> ((ObjectNode) m.get("corpus")).put("sha256", "other"),
        "another corpus"
      },
      {
        (Consumer<ObjectNode>)
            m -> {
              m.put("formatVersion", 3);
              m.putObject("parts").put("reverse", anySha());
            },
        "part of its own"
      },
      {
        (Consumer<ObjectNode>) m -> ((ObjectNode) m.get("files")).put("memory.tsv.gz", anySha()),
        "example memory"
      },
    };
    int i = 0;
    for (Object[] c : cases) {
      Path p = ChatBundles.write(dir, "chat-" + i++, null, true);
      @SuppressWarnings("unchecked")
      Consumer<ObjectNode> change = (Consumer<ObjectNode>) c[0];
      editReverse(p, change);
      refused(p, (String) c[1]);
    }
  }

  @Test
  void refusesAReverseModelWhoseVocabularyDoesNotMatchItsManifest() throws Exception {
    Path p = ChatBundles.write(dir, "chat-x", null, true);
    Path rev = p.resolve("reverse");
    byte[] vocab =
        "{\"source\":[\"<pad>\",\"\\t\",\"\\n\",\"<unk>\",\"a\"],\"target\":[\"<pad>\",\"\\t\",\"\\n\",\"<unk>\"]}"
            .getBytes(StandardCharsets.UTF_8);
    Files.write(rev.resolve(Manifest.VOCAB_FILE), vocab);
    edit(rev, m -> ((ObjectNode) m.get("files")).put(Manifest.VOCAB_FILE, Checksums.sha256(vocab)));
    relist(p);
    refused(p, "vocabulary sizes do not match");
  }

  @Test
  void readsBothPartsOfAnEmbeddedBundleFromTheClasspath() throws Exception {
    // The test classes' folder is on the class path: a bundle written below it is "embedded".
    Path classes =
        Path.of(BundleV3Test.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String folder = "v3-" + java.util.UUID.randomUUID();
    Path written =
        ChatBundles.write(Files.createDirectories(classes.resolve(folder)), "chat-cp", POOL, true);
    try {
      Bundle b = BundleReader.read(BundleSource.classpath(folder + "/chat-cp"));
      assertEquals("reverse", b.reverse().orElseThrow().version());
      List<String> pairs = new java.util.ArrayList<>();
      b.pool().orElseThrow().forEachPair((m, r) -> pairs.add(m + ">" + r));
      assertEquals(List.of("hi there>Hello!", "Hello!>How are you?", "a>b"), pairs);
    } finally {
      try (var walk = Files.walk(classes.resolve(folder))) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    assertFalse(Files.exists(written));
  }

  /** Edits a manifest in place (its own checksum changes; a part's listing is not updated). */
  static void edit(Path bundle, Consumer<ObjectNode> change) throws Exception {
    Path f = bundle.resolve(Manifest.FILE_NAME);
    ObjectNode m = (ObjectNode) BundleReader.JSON.readTree(f.toFile());
    change.accept(m);
    BundleReader.JSON.writeValue(f.toFile(), m);
  }

  /** Edits the reverse model's manifest and lists its new checksum in the outer manifest. */
  static void editReverse(Path bundle, Consumer<ObjectNode> change) throws Exception {
    edit(bundle.resolve("reverse"), change);
    relist(bundle);
  }

  private static void relist(Path bundle) throws Exception {
    byte[] reverseManifest =
        Files.readAllBytes(bundle.resolve("reverse").resolve(Manifest.FILE_NAME));
    edit(
        bundle,
        m -> ((ObjectNode) m.get("parts")).put("reverse", Checksums.sha256(reverseManifest)));
  }

  private static byte[] xz(String text) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (org.tukaani.xz.XZOutputStream xz =
        new org.tukaani.xz.XZOutputStream(out, new org.tukaani.xz.LZMA2Options(1))) {
      xz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static String anySha() {
    return "ab".repeat(32);
  }
}
