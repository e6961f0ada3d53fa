package org.tinyseq.train.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.ChatBundles;
import org.tinyseq.serve.bundle.Manifest;
import org.tinyseq.serve.chat.ChatRanking;
import org.tinyseq.serve.pool.PoolFile;

class RankingBundlesTest {
  @TempDir Path dir;

  @Test
  void aTunedBundleKeepsThePoolAndTheReverseModel() throws Exception {
    byte[] pool = PoolFile.write(List.of(List.of("hi there", "Hello!", "How are you?")));
    Path original = ChatBundles.write(dir, "chat-3", pool, true);
    Bundle bundle = BundleReader.read(BundleSource.directory(original));
    ChatRanking ranking = new ChatRanking(1, 8, 0, 0.5);
    Path tuned =
        RankingBundles.write(
            bundle,
            BundleSource.directory(original),
            dir.resolve("tuned"),
            ranking,
            Map.of("chosenOn", "test"),
            Map.of("messages", 1));
    Bundle read = BundleReader.read(BundleSource.directory(tuned));
    assertEquals(ranking, ChatRanking.fromMetrics(read.manifest().metrics()));
    assertEquals(bundle.reverse().orElseThrow().version(), read.reverse().orElseThrow().version());
    assertEquals(bundle.pool().orElseThrow().sha256(), read.pool().orElseThrow().sha256());
    assertArrayEquals(
        Files.readAllBytes(original.resolve(Manifest.REVERSE_PART).resolve(Manifest.FILE_NAME)),
        Files.readAllBytes(tuned.resolve(Manifest.REVERSE_PART).resolve(Manifest.FILE_NAME)));
  }
}
