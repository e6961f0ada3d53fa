package org.tinyseq.bot.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tinyseq.serve.Command;
import org.tinyseq.serve.ModelInfo;
import org.tinyseq.serve.ModelService;
import org.tinyseq.serve.ReloadReport;
import org.tinyseq.serve.Reply;
import org.tinyseq.serve.ServiceListener;
import org.tinyseq.serve.ServiceStats;
import org.tinyseq.serve.Status;

/** A ModelService whose figures a test sets, and whose listener callbacks a test fires. */
final class FakeModelService implements ModelService {
  final Map<String, String> versions = new ConcurrentHashMap<>();
  final List<ServiceListener> listeners = new CopyOnWriteArrayList<>();
  volatile ServiceStats stats = stats(Map.of(), 0, 0, 0, 0);

  FakeModelService version(String kind, String version) {
    versions.put(kind, version);
    return this;
  }

  static ServiceStats stats(
      Map<Command, Map<Status, Long>> requests,
      int queueDepth,
      long swaps,
      long failed,
      long hits) {
    long misses = 3;
    return new ServiceStats(
        hits,
        misses,
        hits + misses == 0 ? 1.0 : (double) hits / (hits + misses),
        0,
        hits,
        Duration.ZERO,
        queueDepth,
        0,
        0,
        swaps,
        failed,
        requests.isEmpty() ? new EnumMap<>(Command.class) : requests,
        Map.of());
  }

  @Override
  public CompletableFuture<Reply> submit(Command command, String text) {
    return CompletableFuture.completedFuture(
        Reply.failure(Status.UNAVAILABLE, "fake", "", Duration.ZERO));
  }

  @Override
  public Optional<Reply> cached(Command command, String text) {
    return Optional.empty();
  }

  @Override
  public ModelInfo info(Command command) {
    String v = versions.getOrDefault(command.kind(), "");
    return new ModelInfo(
        command.kind(),
        v,
        v.isEmpty() ? "" : "/models/" + command.kind() + "/" + v,
        Map.of(),
        v.isEmpty() ? null : Instant.parse("2026-11-26T12:00:00Z"));
  }

  @Override
  public ReloadReport reload() {
    return new ReloadReport(List.of(), List.of(), Map.copyOf(versions));
  }

  @Override
  public ServiceStats stats() {
    return stats;
  }

  @Override
  public void addListener(ServiceListener listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {}
}
