package org.tinyseq.serve.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The memory file is untrusted input: it round-trips, and every broken rule is refused. */
class MemoryFileTest {
  private static final List<MemoryEntry> ENTRIES =
      List.of(new MemoryEntry("hi.", "嗨。"), new MemoryEntry("thank you.", "谢谢。"));

  @Test
  void roundTrips() throws Exception {
    assertEquals(ENTRIES, MemoryFile.read(MemoryFile.write(ENTRIES)));
    assertEquals(List.of(), MemoryFile.read(MemoryFile.write(List.of())));
  }

  @Test
  void refusesHostileFiles() throws Exception {
    String ok = "tinyseq-memory\t1\t2\nhi.\t嗨。\nthank you.\t谢谢。\n";
    assertEquals(ENTRIES, MemoryFile.read(gzip(ok)));
    refused("not gzip", "tinyseq-memory\t1\t0\n".getBytes(StandardCharsets.UTF_8), "unreadable");
    byte[] truncatedGzip = gzip(ok);
    refused("cut gzip", java.util.Arrays.copyOf(truncatedGzip, truncatedGzip.length - 9), "");
    refused("bad magic", gzip("tinyseq-memories\t1\t0\n"), "bad header");
    refused("version", gzip("tinyseq-memory\t2\t0\n"), "version");
    refused("count", gzip("tinyseq-memory\t1\t-1\n"), "entry count");
    refused("huge count", gzip("tinyseq-memory\t1\t999999999\n"), "more than");
    refused("too few", gzip("tinyseq-memory\t1\t3\nhi.\t嗨。\nthank you.\t谢谢。\n"), "truncated");
    refused("extra", gzip(ok + "zz\tz\n"), "after the last entry");
    refused("unsorted", gzip("tinyseq-memory\t1\t2\nthank you.\t谢谢。\nhi.\t嗨。\n"), "ascending");
    refused("duplicate", gzip("tinyseq-memory\t1\t2\nhi.\ta\nhi.\tb\n"), "ascending");
    refused("no tab", gzip("tinyseq-memory\t1\t1\nhi.\n"), "no tab");
    refused("two tabs", gzip("tinyseq-memory\t1\t1\nhi.\ta\tb\n"), "control");
    refused("empty target", gzip("tinyseq-memory\t1\t1\nhi.\t\n"), "empty target");
    refused("control", gzip("tinyseq-memory\t1\t1\nhi.\ta\rb\n"), "control");
    refused("padded", gzip("tinyseq-memory\t1\t1\n hi.\ta\n"), "white space");
    refused("no final newline", gzip("tinyseq-memory\t1\t1\nhi.\ta"), "does not end");
    String longLine = "tinyseq-memory\t1\t1\n" + "a".repeat(5000) + "\tb\n";
    refused("long line", gzip(longLine), "longer");
    byte[] badUtf8 =
        gzipBytes(
            concat("tinyseq-memory\t1\t1\nhi.\t".getBytes(), new byte[] {(byte) 0xC3, 0x28, '\n'}));
    refused("bad UTF-8", badUtf8, "UTF-8");
    // Two gzip members: the trailer states only the last one's size, which the heap estimate
    // reads; the text may not be larger than it says.
    byte[] twoMembers = concat(gzip("tinyseq-memory\t1\t2\nhi.\t嗨。\n"), gzip("thank you.\t谢谢。\n"));
    refused("two gzip members", twoMembers, "once decompressed");
  }

  @Test
  void itsHeadTellsTheEntryCountAndHowTheTextDivides() throws Exception {
    // ENTRIES: "hi." / "嗨。" and "thank you." / "谢谢。"
    byte[] file = MemoryFile.write(ENTRIES);
    MemoryFile.Head head = MemoryFile.head(file);
    assertEquals(2, head.entries());
    assertEquals("hi.".length() + "thank you.".length(), head.sampleKeyChars());
    assertEquals(3 + 2 * 2 + 10 + 2 * 3, head.sampleStringBytes(), "Latin-1 keys, UTF-16 targets");
    assertEquals(
        ("hi.\t嗨。\nthank you.\t谢谢。\n").getBytes(StandardCharsets.UTF_8).length, head.sampleText());
    // only the first bytes: the count stands, the entries cut off are not counted
    MemoryFile.Head cut = MemoryFile.head(java.util.Arrays.copyOf(file, 20));
    assertEquals(-1, MemoryFile.head(new byte[] {1, 2, 3}).entries());
    assertTrue(cut.sampleText() < head.sampleText());
  }

  @Test
  void stopsAGzipBombAtTheTextCap() throws Exception {
    // A small file that inflates past the cap (lowered here, so the test stays fast).
    StringBuilder text = new StringBuilder("tinyseq-memory\t1\t20000\n");
    for (int i = 0; i < 20_000; i++) {
      text.append(String.format("k%06d\tv\n", i));
    }
    byte[] bomb = gzip(text.toString());
    MemoryFileException e =
        assertThrows(MemoryFileException.class, () -> MemoryFile.read(bomb, 100_000));
    assertTrue(e.getMessage().contains("decompressed"), e.getMessage());
  }

  private static void refused(String what, byte[] file, String message) {
    MemoryFileException e =
        assertThrows(MemoryFileException.class, () -> MemoryFile.read(file), what);
    assertTrue(e.getMessage().contains(message), what + ": " + e.getMessage());
    assertTrue(e.getMessage().startsWith(MemoryFile.FILE_NAME), what + ": " + e.getMessage());
  }

  private static byte[] gzip(String text) throws IOException {
    return gzipBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] gzipBytes(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
