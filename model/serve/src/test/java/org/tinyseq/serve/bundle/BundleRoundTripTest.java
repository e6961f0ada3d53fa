package org.tinyseq.serve.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleRoundTripTest {
  @TempDir Path dir;

  private Path writeOne() throws IOException {
    return RandomBundles.write(
        dir, "translate", "v1", TestBundles.lstm(8, 4), List.of("a", "b"), List.of("你", "好"), 1);
  }

  @Test
  void writtenBundleReadsBackIdentically() throws Exception {
    Path p = writeOne();
    Bundle b = BundleReader.read(BundleSource.directory(p));
    assertEquals("v1", b.version());
    assertEquals(ModelKind.TRANSLATE, b.kind());
    assertEquals(6, b.targetVocabulary().size());
    assertEquals("[4, 32]", java.util.Arrays.toString(b.encoder().get("kernel").shape()));
    assertTrue(Files.readString(p.resolve("manifest.json")).contains("encoder.safetensors"));
    try (var s = Files.list(dir)) {
      assertEquals(List.of(p), s.toList(), "no temporary directory is left behind");
    }
  }

  @Test
  void theEmbeddedManifestsWriteBackUnchanged() throws Exception {
    // The typed manifest (ModelKind, Cell, TokenUnit, Attention) writes the format's strings: every
    // field of the shipped manifests, in its order, comes back as it was.
    for (String kind : List.of("translate", "chat")) {
      String resource = "/org/tinyseq/models/" + kind + "/" + Manifest.FILE_NAME;
      byte[] shipped;
      try (var in = getClass().getResourceAsStream(resource)) {
        assertTrue(in != null, "embedded " + kind);
        shipped = in.readAllBytes();
      }
      Manifest m = BundleReader.JSON.readValue(shipped, Manifest.class);
      assertEquals(ModelKind.fromJson(kind).orElseThrow(), m.kind());
      assertEquals(
          BundleReader.JSON.readTree(shipped).toPrettyString(),
          BundleReader.JSON.valueToTree(m).toPrettyString(),
          kind);
    }
  }

  @Test
  void anUnknownKindCellTokensOrAttentionIsRefusedByName() throws Exception {
    Path p = writeOne();
    Path manifest = p.resolve(Manifest.FILE_NAME);
    String valid = Files.readString(manifest);
    for (String[] edit :
        List.of(
            new String[] {
              "\"kind\" : \"translate\"",
              "\"kind\" : \"summarize\"",
              "unknown model kind 'summarize' (this build knows translate, translate-zh-en, chat)"
            },
            new String[] {
              "\"cell\" : \"lstm\"",
              "\"cell\" : \"rnn\"",
              "unsupported cell 'rnn' (this decoder knows lstm, gru)"
            },
            new String[] {
              "\"sourceTokens\" : \"char\"",
              "\"sourceTokens\" : \"bpe\"",
              "unsupported source tokens 'bpe' (this decoder knows char, word)"
            },
            new String[] {
              "\"attention\" : \"none\"",
              "\"attention\" : \"bahdanau\"",
              "unsupported attention 'bahdanau' (this decoder knows none, luong)"
            })) {
      assertTrue(valid.contains(edit[0]), edit[0]);
      Files.writeString(manifest, valid.replace(edit[0], edit[1]));
      var e =
          assertThrows(BundleException.class, () -> BundleReader.read(BundleSource.directory(p)));
      assertEquals(p + ": " + edit[2], e.getMessage());
    }
  }

  @Test
  void flippedByteIsRefused() throws Exception {
    Path p = writeOne();
    Path enc = p.resolve(Manifest.DECODER_FILE);
    byte[] bytes = Files.readAllBytes(enc);
    bytes[bytes.length - 3] ^= 0x01;
    Files.write(enc, bytes);
    var e = assertThrows(BundleException.class, () -> BundleReader.read(BundleSource.directory(p)));
    assertTrue(
        e.getMessage().contains("checksum mismatch for decoder.safetensors"), e.getMessage());
  }

  @Test
  void truncatedFileIsRefused() throws Exception {
    Path p = writeOne();
    Path enc = p.resolve(Manifest.ENCODER_FILE);
    byte[] bytes = Files.readAllBytes(enc);
    Files.write(enc, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThrows(BundleException.class, () -> BundleReader.read(BundleSource.directory(p)));
  }

  @Test
  void unknownFormatVersionIsRefused() throws Exception {
    Path p = writeOne();
    Path m = p.resolve(Manifest.FILE_NAME);
    Files.writeString(
        m, Files.readString(m).replace("\"formatVersion\" : 2", "\"formatVersion\" : 99"));
    var e = assertThrows(BundleException.class, () -> BundleReader.read(BundleSource.directory(p)));
    assertTrue(e.getMessage().contains("format version 99"), e.getMessage());
  }

  @Test
  void missingBundleIsRefused() {
    var e =
        assertThrows(
            BundleException.class,
            () -> BundleReader.read(BundleSource.directory(dir.resolve("nope"))));
    assertFalse(e.getMessage().isBlank());
  }
}
