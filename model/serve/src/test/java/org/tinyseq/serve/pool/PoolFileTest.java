package org.tinyseq.serve.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** {@code pool.tsv.xz}: every pair of every dialogue round-trips; anything off is refused. */
class PoolFileTest {
  static final List<List<String>> DIALOGUES =
      List.of(
          List.of("hi there", "Hello! How are you?", "Fine, thanks."),
          List.of("do you like jazz?", "I love Miles Davis."));

  static byte[] xz(String text) throws IOException {
    return xz(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] xz(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(1))) {
      xz.write(raw);
    }
    return out.toByteArray();
  }

  private static List<String> pairs(byte[] file) throws PoolFileException {
    List<String> out = new ArrayList<>();
    PoolFile.read(file, (m, r) -> out.add(m + " -> " + r));
    return out;
  }

  @Test
  void roundTripsEveryPairOfEveryDialogueInOrder() throws Exception {
    byte[] file = PoolFile.write(DIALOGUES);
    assertEquals(
        List.of(
            "hi there -> Hello! How are you?",
            "Hello! How are you? -> Fine, thanks.",
            "do you like jazz? -> I love Miles Davis."),
        pairs(file));
    PoolFile.Summary s = PoolFile.read(file, (m, r) -> {});
    assertEquals(new PoolFile.Summary(2, 3), s);
  }

  @Test
  void splitsALongDialogueWithoutLosingAPair() throws Exception {
    List<String> turns = new ArrayList<>();
    for (int i = 0; i < PoolFile.MAX_TURNS + 5; i++) {
      turns.add("turn " + i);
    }
    byte[] file = PoolFile.write(List.of(turns));
    List<String> pairs = pairs(file);
    assertEquals(turns.size() - 1, pairs.size());
    for (int i = 0; i + 1 < turns.size(); i++) {
      assertEquals(turns.get(i) + " -> " + turns.get(i + 1), pairs.get(i));
    }
    assertEquals(2, PoolFile.read(file, (m, r) -> {}).dialogues());
  }

  @Test
  void theWriterRefusesWhatTheReaderWouldRefuse() {
    assertThrows(IllegalArgumentException.class, () -> PoolFile.write(List.of(List.of("alone"))));
    assertThrows(
        IllegalArgumentException.class, () -> PoolFile.write(List.of(List.of("a\tb", "c"))));
    assertThrows(
        IllegalArgumentException.class, () -> PoolFile.write(List.of(List.of(" padded", "c"))));
  }

  @Test
  void refusesMalformedFiles() throws Exception {
    String ok = "tinyseq-pool\t1\t1\t1\n";
    String tooLong = "x".repeat(PoolFile.MAX_TURN_CHARS + 1);
    Object[][] cases = {
      {"", "bad header"},
      {"tinyseq-memory\t1\t1\t1\na\tb\n", "bad header"},
      {"tinyseq-pool\t2\t1\t1\na\tb\n", "unsupported pool version"},
      {"tinyseq-pool\t1\t-1\t1\na\tb\n", "bad dialogue count"},
      {"tinyseq-pool\t1\t1\t99999999\na\tb\n", "more than the"},
      {"tinyseq-pool\t1\t1\t2\na\tb\n", "1 pairs, the header announces 2"},
      {"tinyseq-pool\t1\t1\t1\na\tb\tc\n", "more pairs than"},
      {"tinyseq-pool\t1\t2\t1\na\tb\n", "truncated"},
      {ok + "a\tb\nc\td\n", "data after the last dialogue"},
      {ok + "a\tb", "does not end with"},
      {ok + "alone\n", "1 turns"},
      {ok + "a\t\n", "empty turn"},
      {ok + "a\t b\n", "white space"},
      {ok + "a\tb\u0007c\n", "control character"},
      {ok + "a\tb\rc\n", "control character"},
      {ok + "a\t" + tooLong + "\n", "longer than"},
    };
    for (Object[] c : cases) {
      byte[] file = xz((String) c[0]);
      PoolFileException e =
          assertThrows(PoolFileException.class, () -> pairs(file), () -> "accepted: " + c[0]);
      assertTrue(e.getMessage().contains((String) c[1]), c[1] + " / " + e.getMessage());
    }
  }

  @Test
  void refusesADialogueWithMoreTurnsThanAllowed() throws Exception {
    String line = String.join("\t", Collections.nCopies(PoolFile.MAX_TURNS + 1, "a"));
    byte[] file = xz("tinyseq-pool\t1\t1\t" + PoolFile.MAX_TURNS + "\n" + line + "\n");
    PoolFileException e = assertThrows(PoolFileException.class, () -> pairs(file));
    assertTrue(e.getMessage().contains("turns"), e.getMessage());
  }

  @Test
  void refusesInvalidUtf8AndNonXzAndOversizedFiles() throws Exception {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    raw.write("tinyseq-pool\t1\t1\t1\na\t".getBytes(StandardCharsets.UTF_8));
    raw.write(new byte[] {(byte) 0xC3, (byte) 0x28}); // a broken two-byte sequence
    raw.write('\n');
    byte[] broken = xz(raw.toByteArray());
    assertTrue(
        assertThrows(PoolFileException.class, () -> pairs(broken))
            .getMessage()
            .contains("not valid UTF-8"));
    byte[] plain = "tinyseq-pool\t1\t1\t1\na\tb\n".getBytes(StandardCharsets.UTF_8);
    assertTrue(
        assertThrows(PoolFileException.class, () -> pairs(plain))
            .getMessage()
            .contains("unreadable"));
    byte[] huge = new byte[PoolFile.MAX_FILE_BYTES + 1];
    assertTrue(
        assertThrows(PoolFileException.class, () -> pairs(huge)).getMessage().contains("allowed"));
  }

  @Test
  void refusesAFileWhoseDecoderNeedsMoreMemoryThanAllowed() throws Exception {
    byte[] file = PoolFile.write(DIALOGUES); // an 8 MiB dictionary
    PoolFileException e =
        assertThrows(
            PoolFileException.class, () -> PoolFile.read(file, 1 << 20, 1024, (m, r) -> {}));
    assertTrue(e.getMessage().contains("unreadable"), e.getMessage());
  }

  @Test
  void stopsADecompressionBombAtTheDecompressedCap() throws Exception {
    String line = "a\t" + "b".repeat(1_000) + "\n";
    byte[] bomb = xz("tinyseq-pool\t1\t1000\t1000\n" + line.repeat(1_000));
    PoolFileException e =
        assertThrows(PoolFileException.class, () -> PoolFile.read(bomb, 100_000, (m, r) -> {}));
    assertTrue(e.getMessage().contains("decompressed"), e.getMessage());
  }

  @Test
  void aReplyPoolRefusesBytesThatChangedAfterVerification() throws Exception {
    byte[] good = PoolFile.write(DIALOGUES);
    byte[] other = PoolFile.write(List.of(List.of("x", "y")));
    ReplyPool pool = ReplyPool.verify(good, () -> other);
    assertEquals(3, pool.pairs());
    PoolFileException e =
        assertThrows(PoolFileException.class, () -> pool.forEachPair((m, r) -> {}));
    assertTrue(e.getMessage().contains("changed"), e.getMessage());
  }
}
