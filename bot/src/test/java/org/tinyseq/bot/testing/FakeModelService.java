package org.tinyseq.bot.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.tinyseq.serve.Command;
import org.tinyseq.serve.ModelInfo;
import org.tinyseq.serve.ModelService;
import org.tinyseq.serve.ReloadReport;
import org.tinyseq.serve.Reply;
import org.tinyseq.serve.ServiceListener;
import org.tinyseq.serve.ServiceStats;
import org.tinyseq.serve.Status;

/**
 * A ModelService whose answers are predictable ({@code "译:" + text} for translate, {@code "答:" +
 * text} for chat), whose cache holds what the test puts there, and whose decodes wait for a gate
 * the test opens: the deferred path without sleeps.
 */
public final class FakeModelService implements ModelService {
  private final Set<String> cachedTexts = ConcurrentHashMap.newKeySet();
  private final AtomicReference<CompletableFuture<Void>> gate =
      new AtomicReference<>(CompletableFuture.completedFuture(null));
  private final AtomicReference<Status> failure = new AtomicReference<>();
  private final AtomicInteger submits = new AtomicInteger();
  private final AtomicInteger reloads = new AtomicInteger();
  private volatile boolean closed;

  public static String translation(String text) {
    return "译:" + text;
  }

  public static String chatReply(String text) {
    return "答:" + text;
  }

  /** Later translate requests for {@code text} are answered from the "cache". */
  public void cache(String text) {
    cache(Command.TRANSLATE, text);
  }

  /** Later {@code command} requests for {@code text} are answered from the "cache". */
  public void cache(Command command, String text) {
    cachedTexts.add(command.kind() + ":" + text);
  }

  /** Decodes submitted from now on wait until the returned future is completed. */
  public CompletableFuture<Void> hold() {
    CompletableFuture<Void> g = new CompletableFuture<>();
    gate.set(g);
    return g;
  }

  /** Decodes answer at once again. */
  public void release() {
    gate.getAndSet(CompletableFuture.completedFuture(null)).complete(null);
  }

  /** Decodes from now on fail with {@code status} (null: succeed again). */
  public void failWith(Status status) {
    failure.set(status);
  }

  public int submits() {
    return submits.get();
  }

  public int reloads() {
    return reloads.get();
  }

  public boolean closed() {
    return closed;
  }

  @Override
  public CompletableFuture<Reply> submit(Command command, String text) {
    submits.incrementAndGet();
    Status fail = failure.get();
    return gate.get()
        .thenApplyAsync(
            v ->
                fail != null
                    ? Reply.failure(fail, "failed", "v1", Duration.ZERO)
                    : ok(command, text, false));
  }

  @Override
  public Optional<Reply> cached(Command command, String text) {
    return cachedTexts.contains(command.kind() + ":" + text)
        ? Optional.of(ok(command, text, true))
        : Optional.empty();
  }

  @Override
  public ModelInfo info(Command command) {
    return new ModelInfo(
        command.kind(),
        command.kind() + "-v1",
        "classpath:test",
        Map.of("bleu", 12.3456, "chrf", 31.0, "epochs", 7),
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override
  public ReloadReport reload() {
    reloads.incrementAndGet();
    return new ReloadReport(
        List.of("translate-v2"), List.of(), Map.of("translate", "translate-v2", "chat", "chat-v1"));
  }

  @Override
  public ServiceStats stats() {
    return new ServiceStats(
        3, 1, 0.75, 0, 4, Duration.ZERO, 0, 1, 1, 2, 0, new EnumMap<>(Command.class), Map.of());
  }

  @Override
  public void addListener(ServiceListener listener) {}

  @Override
  public void close() {
    closed = true;
  }

  private static Reply ok(Command command, String text, boolean cached) {
    String out = command == Command.TRANSLATE ? translation(text) : chatReply(text);
    return new Reply(Status.OK, out, command.kind() + "-v1", cached, false, "", Duration.ZERO);
  }
}
