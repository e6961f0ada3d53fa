package org.tinyseq.serve;

import java.nio.file.Path;
import java.time.Duration;
import org.tinyseq.serve.decode.BatcherConfig;

/** Configurations for service tests: a models directory, no embedded defaults, no watcher. */
final class ServiceFixture {
  static final int MAX_STEPS = 12;

  private ServiceFixture() {}

  static ServiceConfig config(Path modelsDir) {
    return ServiceConfig.defaults()
        .withModelsDir(modelsDir)
        .withUseDefaults(false)
        .withWatch(false, Duration.ofSeconds(1))
        .withLimits(30, MAX_STEPS, Duration.ofSeconds(30))
        .withBatcher(new BatcherConfig(8, Duration.ofMillis(1), 1024, 2));
  }

  static DefaultModelService service(ServiceConfig config) {
    return new DefaultModelService(config, null);
  }
}
