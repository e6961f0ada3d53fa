package org.tinyseq.serve.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.memory.MemoryEntry;
import org.tinyseq.serve.memory.MemoryFile;

/** How a bundle's files are read: each once, verified on the bytes parsed; tokens printable. */
class BundleReadingTest {
  private static final List<String> SRC = List.of("a", "b", "c", " ");
  private static final List<String> TGT = List.of("x", "y");

  @TempDir Path dir;

  @Test
  void eachFileIsReadOnceAndTheParsedBytesAreTheVerifiedOnes() throws Exception {
    Path p = RandomBundles.write(dir, "chat", "chat-1", TestBundles.lstm(8, 4), SRC, TGT, 1);
    TestBundles.withMemory(p, List.of(new MemoryEntry("ab", "xy")), null, 0.5);
    Map<String, Integer> reads = new TreeMap<>();
    BundleSource counting = counting(BundleSource.directory(p), reads);
    BundleReader.read(counting);
    assertEquals(
        Map.of(
            Manifest.FILE_NAME, 1,
            Manifest.VOCAB_FILE, 1,
            Manifest.ENCODER_FILE, 1,
            Manifest.DECODER_FILE, 1,
            MemoryFile.FILE_NAME, 1),
        reads);
  }

  @Test
  void aFileThatChangesAfterItsFirstReadCannotLoadUnverified() throws Exception {
    Path p = RandomBundles.write(dir, "chat", "chat-1", TestBundles.lstm(8, 4), SRC, TGT, 1);
    BundleSource real = BundleSource.directory(p);
    // A second read of the decoder file would see other bytes: with one read there is none.
    BundleSource changing =
        new BundleSource() {
          int decoderReads;

          @Override
          public String location() {
            return real.location();
          }

          @Override
          public byte[] read(String fileName, long maxBytes) throws IOException {
            byte[] bytes = real.read(fileName, maxBytes);
            if (fileName.equals(Manifest.DECODER_FILE) && decoderReads++ > 0) {
              bytes[bytes.length - 1] ^= 0x40;
            }
            return bytes;
          }
        };
    Bundle b = BundleReader.read(changing);
    Bundle reference = BundleReader.read(BundleSource.directory(p));
    for (var t : reference.decoder().entrySet()) {
      assertArrayEquals(t.getValue().data(), b.decoder().get(t.getKey()).data(), t.getKey());
    }
  }

  @Test
  void aVocabularyTokenWithAControlCharacterIsRefused() throws Exception {
    for (String hostile : List.of("\u001b[2J", "a\u0007", "\r", "\u009b")) {
      Path parent = dir.resolve("t" + Integer.toHexString(hostile.hashCode()));
      Path p =
          RandomBundles.write(
              parent, "chat", "chat-1", TestBundles.lstm(8, 4), SRC, List.of("x", hostile), 1);
      BundleException e =
          assertThrows(BundleException.class, () -> BundleReader.read(BundleSource.directory(p)));
      assertTrue(
          e.getMessage().endsWith("invalid vocab.json (target token 5 holds a control character)"),
          e.getMessage());
    }
  }

  private static BundleSource counting(BundleSource source, Map<String, Integer> reads) {
    return new BundleSource() {
      @Override
      public String location() {
        return source.location();
      }

      @Override
      public byte[] read(String fileName, long maxBytes) throws IOException {
        reads.merge(fileName, 1, Integer::sum);
        return source.read(fileName, maxBytes);
      }
    };
  }
}
