package org.tinyseq.serve;

import java.nio.file.Path;
import java.time.Duration;
import org.tinyseq.serve.decode.BatcherConfig;

/**
 * Configurations for service tests: a models directory, no embedded defaults, no watcher, greedy
 * translation through the batcher.
 */
final class ServiceFixture {
  static final int MAX_STEPS = 12;

  private ServiceFixture() {}

  static ServiceConfig config(Path modelsDir) {
    return builder(modelsDir).build();
  }

  /** The fixture's configuration, to change before building. */
  static ServiceConfig.Builder builder(Path modelsDir) {
    return ServiceConfig.builder()
        .modelsDir(modelsDir)
        .useDefaults(false)
        .watch(false)
        .watchInterval(Duration.ofSeconds(1))
        .maxInputChars(30)
        .maxOutputSteps(MAX_STEPS)
        .requestTimeout(Duration.ofSeconds(30))
        .batcher(new BatcherConfig(8, Duration.ofMillis(1), 1024, 2))
        .rerankBeam(1); // the batcher's path; TranslateRerankTest turns reranking on
  }

  static DefaultModelService service(ServiceConfig config) {
    return new DefaultModelService(config, null);
  }
}
