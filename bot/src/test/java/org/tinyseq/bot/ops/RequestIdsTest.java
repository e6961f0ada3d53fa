package org.tinyseq.bot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RequestIdsTest {
  @Test
  void aScopeSetsAndRestoresTheMdc() {
    MDC.put("other", "kept");
    try (RequestIds.Scope outer = RequestIds.open("chat")) {
      assertEquals(outer.requestId(), MDC.get(RequestIds.REQUEST_ID));
      try (RequestIds.Scope inner = RequestIds.open("translate")) {
        assertNotEquals(outer.requestId(), inner.requestId());
        assertEquals("translate", MDC.get(RequestIds.COMMAND));
      }
      assertEquals(outer.requestId(), MDC.get(RequestIds.REQUEST_ID));
      assertEquals("chat", MDC.get(RequestIds.COMMAND));
    }
    assertNull(MDC.get(RequestIds.REQUEST_ID));
    assertEquals("kept", MDC.get("other"));
    MDC.clear();
  }

  @Test
  void wrappedWorkCarriesTheIdsToAnotherThread() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (RequestIds.Scope ids = RequestIds.open("translate")) {
      String seen =
          CompletableFuture.supplyAsync(() -> "x", pool)
              .thenApplyAsync(x -> x, pool)
              .thenCompose(
                  x -> {
                    CompletableFuture<String> f = new CompletableFuture<>();
                    pool.execute(ids.wrap(() -> f.complete(MDC.get(RequestIds.REQUEST_ID))));
                    return f;
                  })
              .get();
      assertEquals(ids.requestId(), seen);
      String after =
          CompletableFuture.supplyAsync(() -> MDC.get(RequestIds.REQUEST_ID), pool).get();
      assertNull(after, "the pool thread's MDC is restored after the wrapped task");
    } finally {
      pool.shutdown();
    }
  }
}
