package org.tinyseq.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.registry.LoadedModel;
import org.tinyseq.serve.registry.ModelDirs;

/**
 * Faults on the decode path: a listener that throws an {@link Error} on the decode worker and on
 * the request path. The service keeps answering, the same text is answered OK (no never-finishing
 * future shared through the cache), and a later swap releases the old model.
 */
class DecodeFaultTest {
  @TempDir Path root;
  private DefaultModelService service;

  @AfterEach
  void close() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void aListenerErrorBreaksNoRequestAndTheOldModelIsReleasedAfterASwap() throws Exception {
    ModelDirs.write(root, "translate", "v1", 1, 1);
    service =
        ServiceFixture.service(
            ServiceFixture.builder(root).requestTimeout(Duration.ofSeconds(5)).build());
    service.addListener(
        new ServiceListener() {
          @Override
          public void onBatch(int size) {
            throw new OutOfMemoryError("injected on the decode worker");
          }

          @Override
          public void onRequest(Command c, Status s, Duration elapsed, boolean cached) {
            throw new StackOverflowError("injected on the request path");
          }

          @Override
          public void onSwap(String kind, String version) {
            throw new LinkageError("injected in a swap");
          }
        });
    LoadedModel v1 = service.serving("translate");
    Reply first = ask("abc");
    assertEquals(Status.OK, first.status(), first.error());
    Reply again = ask("abc");
    assertEquals(Status.OK, again.status(), "the same text: " + again.error());
    assertEquals(Status.OK, ask("bad cab").status());

    ModelDirs.write(root, "translate", "v2", 2, 2);
    service.reload();
    Reply fresh = ask("abc");
    assertEquals("v2", fresh.modelVersion());
    assertNotNull(v1);
    assertFalse(v1.tryAcquire(), "v1 was released by every request and retired: drained");
  }

  private Reply ask(String text) throws Exception {
    return service.submit(Command.TRANSLATE, text).get(30, TimeUnit.SECONDS);
  }
}
