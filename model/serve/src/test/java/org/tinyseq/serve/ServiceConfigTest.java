package org.tinyseq.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    ServiceConfig d = ServiceConfig.defaults();
    assertTrue(d.modelsDir().isEmpty());
    assertTrue(d.useDefaults());
    assertTrue(d.watch());
    assertEquals(Duration.ofSeconds(5), d.watchInterval());
    assertEquals(500, d.maxInputChars());
    assertEquals(200, d.maxOutputSteps());
    assertEquals(Duration.ofSeconds(3), d.requestTimeout());
    assertEquals(10_000, d.cacheMaxEntries());
    assertEquals(Duration.ofHours(1), d.cacheExpiry());
    assertEquals(64, d.batcher().maxBatch());
    assertEquals(0, d.keepBundles());
  }

  @Test
  void theBuilderChangesOnlyTheFieldsItIsGiven() {
    ServiceConfig c =
        ServiceConfig.builder()
            .modelsDir(Path.of("/srv/models"))
            .keepBundles(3)
            .cacheMaxEntries(0)
            .cacheExpiry(Duration.ofMinutes(5))
            .build();
    assertEquals(Path.of("/srv/models"), c.modelsDir().orElseThrow());
    assertEquals(3, c.keepBundles());
    assertEquals(0, c.cacheMaxEntries());
    assertEquals(500, c.maxInputChars());
  }

  @Test
  void nonsenseIsRefusedWithTheFieldName() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServiceConfig.builder().maxInputChars(0).maxOutputSteps(10).build());
    assertTrue(e.getMessage().contains("maxInputChars"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ServiceConfig.builder().watch(true).watchInterval(Duration.ZERO).build());
    assertThrows(
        IllegalArgumentException.class, () -> ServiceConfig.builder().keepBundles(-1).build());
  }

  @Test
  void theFactoryServesFromAModelsDirectory(@org.junit.jupiter.api.io.TempDir Path root)
      throws Exception {
    org.tinyseq.serve.registry.ModelDirs.write(root, "chat", "c1", 1, 1);
    try (ModelService s =
        ModelService.create(
            ServiceConfig.builder()
                .modelsDir(root)
                .useDefaults(false)
                .watch(false)
                .watchInterval(Duration.ofSeconds(1))
                .build())) {
      assertEquals("c1", s.info(Command.CHAT).version());
      assertEquals(Status.OK, s.submit(Command.CHAT, "abc").join().status());
      assertEquals(Status.UNAVAILABLE, s.submit(Command.TRANSLATE, "abc").join().status());
    }
  }
}
