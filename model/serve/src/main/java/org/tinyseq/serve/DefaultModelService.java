package org.tinyseq.serve;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Placeholder until the registry lands: every request is UNAVAILABLE. */
final class DefaultModelService implements ModelService {
  DefaultModelService(ServiceConfig config) {}

  @Override
  public CompletableFuture<Reply> submit(Command command, String text) {
    return CompletableFuture.completedFuture(
        Reply.failure(Status.UNAVAILABLE, "no model loaded", "", Duration.ZERO));
  }

  @Override
  public Optional<Reply> cached(Command command, String text) {
    return Optional.empty();
  }

  @Override
  public ModelInfo info(Command command) {
    return new ModelInfo(command.kind(), "", "", Map.of(), (Instant) null);
  }

  @Override
  public ReloadReport reload() {
    return new ReloadReport(List.of(), List.of(), Map.of());
  }

  @Override
  public ServiceStats stats() {
    return new ServiceStats(
        0, 0, 1.0, 0, 0, Duration.ZERO, 0, 0, 0, 0, 0, new EnumMap<>(Command.class), Map.of());
  }

  @Override
  public void addListener(ServiceListener listener) {}

  @Override
  public void close() {}
}
