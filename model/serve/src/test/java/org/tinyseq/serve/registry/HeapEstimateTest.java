package org.tinyseq.serve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.memory.MemoryEntry;

/** The heap estimate reads a memory's size cheaply and right; the room check uses it. */
class HeapEstimateTest {
  @TempDir Path root;

  @Test
  void readsTheMemorysEntriesAndTextSizeFromItsFirstLineAndTrailer() throws Exception {
    List<MemoryEntry> entries = new ArrayList<>();
    long text = "tinyseq-memory\t1\t3000\n".length();
    for (int i = 0; i < 3_000; i++) {
      MemoryEntry e = new MemoryEntry(String.format("entry %05d", i), "目标" + i);
      entries.add(e);
      text += (e.key() + "\t" + e.target() + "\n").getBytes(StandardCharsets.UTF_8).length;
    }
    Path p = ModelDirs.writeWithMemory(root, "chat", "c1", 1, 1, entries, 0.5);
    HeapEstimate e = HeapEstimate.of(BundleSource.directory(p));
    assertEquals(3_000, e.memoryEntries());
    assertEquals(text, e.memoryText());
    assertTrue(e.memoryKept() > HeapEstimate.KEPT_PER_ENTRY * 3_000, e.describe());
    HeapEstimate without =
        HeapEstimate.of(BundleSource.directory(ModelDirs.write(root, "chat", "c2", 2, 2)));
    assertEquals(0, without.memoryKept());
    assertEquals(e.tensors(), without.tensors(), "same architecture and vocabularies");
  }

  @Test
  void aChatBundlesReverseModelCountsAsKept() throws Exception {
    Path plain = org.tinyseq.serve.bundle.ChatBundles.write(root, "chat-plain", null, false);
    Path both = org.tinyseq.serve.bundle.ChatBundles.write(root, "chat-both", null, true);
    HeapEstimate without = HeapEstimate.of(BundleSource.directory(plain));
    HeapEstimate with = HeapEstimate.of(BundleSource.directory(both));
    HeapEstimate reverse = HeapEstimate.of(BundleSource.directory(both.resolve("reverse")));
    assertEquals(without.tensors() + reverse.total(), with.tensors());
    assertEquals(without.peakStep(), with.peakStep());
    assertTrue(with.total() > without.total());
  }

  @Test
  void aBundleThatFitsIsNotCollectedFor() {
    int[] collections = new int[1];
    HeapRoom room = new HeapRoom(gauge(1000L << 20, 100L << 20, collections));
    assertNull(room.refusal(new HeapEstimate(10L << 20, 10L << 20, 0, "the decoder", 0, 0)));
    assertEquals(0, collections[0]);
    assertTrue(
        room.refusal(new HeapEstimate(900L << 20, 0, 0, "the decoder", 0, 0))
            .startsWith("needs about 900 MB"));
    assertEquals(1, collections[0]);
  }

  static HeapRoom.Gauge gauge(long max, long used, int[] collections) {
    return new HeapRoom.Gauge() {
      @Override
      public long max() {
        return max;
      }

      @Override
      public long used() {
        return used;
      }

      @Override
      public void collect() {
        collections[0]++;
      }
    };
  }
}
