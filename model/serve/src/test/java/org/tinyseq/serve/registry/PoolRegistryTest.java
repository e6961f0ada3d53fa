package org.tinyseq.serve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.store.AlreadyClosedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.ChatBundles;
import org.tinyseq.serve.chat.ReplyRetriever;
import org.tinyseq.serve.decode.BatcherConfig;
import org.tinyseq.serve.pool.PoolFile;
import org.tinyseq.serve.pool.PoolIndexes;

/** A chat bundle with a reply pool serves with a retriever whose index lives in the cache. */
class PoolRegistryTest {
  static final byte[] POOL =
      PoolFile.write(
          List.of(
              List.of("i got a new job", "Congrats on the new job!"),
              List.of("do you like jazz?", "I love Miles Davis.")));

  @TempDir Path models;
  @TempDir Path indexes;

  private ModelRegistry registry() {
    return new ModelRegistry(
        List.of("chat"),
        Optional.of(models),
        null,
        new BatcherConfig(4, Duration.ZERO, 16, 1),
        20,
        0,
        RegistryEvents.NONE,
        new HeapRoom(HeapRoom.RUNTIME),
        PoolIndexes.under(indexes));
  }

  @Test
  void servesTheRetrieverOfThePoolAndClosesItWithTheModel() throws Exception {
    ChatBundles.write(Files.createDirectories(models.resolve("chat")), "chat-3", POOL, true);
    ReplyRetriever retriever;
    try (ModelRegistry registry = registry()) {
      registry.scan();
      LoadedModel m = registry.current("chat");
      assertEquals("chat-3", m.version());
      assertTrue(m.bundle().reverse().isPresent());
      retriever = m.retriever().orElseThrow();
      assertEquals("I love Miles Davis.", retriever.top("jazz", 1).get(0).reply());
      try (var folders = Files.list(indexes)) {
        assertEquals(1, folders.count(), "one index folder for the one pool");
      }
      assertTrue(m.cacheId().split("\\+").length == 3, "pool and reverse are in the cache id");
    }
    // close() waits for the retire thread, which closed the retriever with the model.
    assertThrows(AlreadyClosedException.class, () -> retriever.top("jazz", 1));
  }

  @Test
  void aBundleWithoutAPoolHasNoRetriever() throws Exception {
    ChatBundles.write(Files.createDirectories(models.resolve("chat")), "chat-r", null, true);
    try (ModelRegistry registry = registry()) {
      registry.scan();
      assertFalse(registry.current("chat").retriever().isPresent());
    }
    try (var folders = Files.list(indexes)) {
      assertEquals(0, folders.count());
    }
  }
}
