package org.tinyseq.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.memory.MemoryEntry;
import org.tinyseq.serve.registry.ModelDirs;

/** The example memory in the request path: before the decoder, after the cache, on or off. */
class MemoryServiceTest {
  private static final String REMEMBERED = "从记忆来";

  @TempDir Path root;

  private Path bundleWithMemory() throws Exception {
    return ModelDirs.writeWithMemory(
        root, "translate", "t-1", 1, 7, List.of(new MemoryEntry("abc d", REMEMBERED)), 1.0);
  }

  @Test
  void answersFromMemoryFirstThenFromTheCache() throws Exception {
    Path p = bundleWithMemory();
    try (DefaultModelService s = ServiceFixture.service(ServiceFixture.config(root))) {
      Reply r = s.submit(Command.TRANSLATE, "ABC  d").join();
      assertEquals(REMEMBERED, r.text());
      assertFalse(r.cached());
      assertTrue(s.submit(Command.TRANSLATE, "ABC d").join().cached());
      Reply decoded = s.submit(Command.TRANSLATE, "gfe").join();
      assertEquals(ModelDirs.decode(p, "gfe", ServiceFixture.MAX_STEPS), decoded.text());
      ServiceStats stats = s.stats();
      assertEquals(1, stats.answers(Command.TRANSLATE, AnswerSource.MEMORY));
      assertEquals(1, stats.answers(Command.TRANSLATE, AnswerSource.DECODER));
      ModelInfo info = s.info(Command.TRANSLATE);
      assertEquals(1, info.memoryEntries());
      assertEquals(1.0, info.memoryThreshold());
      assertTrue(info.memoryOn());
    }
  }

  @Test
  void memoryOffAlwaysDecodes() throws Exception {
    bundleWithMemory();
    ServiceConfig off = ServiceFixture.builder(root).memory(false).build();
    try (DefaultModelService s = ServiceFixture.service(off)) {
      Reply r = s.submit(Command.TRANSLATE, "abc d").join();
      assertTrue(r.ok());
      assertNotEquals(REMEMBERED, r.text());
      assertEquals(0, s.stats().answers(Command.TRANSLATE, AnswerSource.MEMORY));
      assertEquals(1, s.stats().answers(Command.TRANSLATE, AnswerSource.DECODER));
      ModelInfo info = s.info(Command.TRANSLATE);
      assertEquals(1, info.memoryEntries());
      assertFalse(info.memoryOn());
    }
  }

  @Test
  void aBundleWithoutMemoryServesAsBefore() throws Exception {
    Path p = ModelDirs.write(root, "translate", "t-1", 1, 7);
    try (DefaultModelService s = ServiceFixture.service(ServiceFixture.config(root))) {
      assertEquals(
          ModelDirs.decode(p, "abc d", ServiceFixture.MAX_STEPS),
          s.submit(Command.TRANSLATE, "abc d").join().text());
      ModelInfo info = s.info(Command.TRANSLATE);
      assertEquals(0, info.memoryEntries());
      assertTrue(Double.isNaN(info.memoryThreshold()));
      assertFalse(info.memoryOn());
    }
  }
}
