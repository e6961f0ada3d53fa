package org.tinyseq.serve;

import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of the service's counters since it started.
 *
 * @param cacheHits answers served from the result cache (including joins of an identical decode
 *     already in flight)
 * @param cacheMisses lookups that started a decode
 * @param cacheHitRate {@code hits / (hits + misses)}, 1.0 before any request
 * @param cacheEvictions entries removed by the size bound or expiry
 * @param cacheSize entries currently cached (approximate)
 * @param cacheAverageLoadTime mean time of the decodes that filled the cache
 * @param queueDepth sources waiting in the decode queues of the serving models
 * @param batches decode batches run, by the serving and retired models
 * @param batchedSources sources decoded in those batches ({@code batchedSources / batches} is the
 *     mean batch size)
 * @param swaps models swapped in (the first load of each kind included)
 * @param failedLoads bundles refused
 * @param requests answered requests by command and outcome (every status present, zeros included)
 * @param versions the version serving each kind, by kind (kinds without a model absent)
 * @param answers answers produced (not taken from the cache) by command and {@link AnswerSource}
 *     (every source present, zeros included)
 */
public record ServiceStats(
    long cacheHits,
    long cacheMisses,
    double cacheHitRate,
    long cacheEvictions,
    long cacheSize,
    Duration cacheAverageLoadTime,
    int queueDepth,
    long batches,
    long batchedSources,
    long swaps,
    long failedLoads,
    Map<Command, Map<Status, Long>> requests,
    Map<String, String> versions,
    Map<Command, Map<AnswerSource, Long>> answers) {

  /** Without answer sources (all counted as zero). */
  public ServiceStats(
      long cacheHits,
      long cacheMisses,
      double cacheHitRate,
      long cacheEvictions,
      long cacheSize,
      Duration cacheAverageLoadTime,
      int queueDepth,
      long batches,
      long batchedSources,
      long swaps,
      long failedLoads,
      Map<Command, Map<Status, Long>> requests,
      Map<String, String> versions) {
    this(
        cacheHits,
        cacheMisses,
        cacheHitRate,
        cacheEvictions,
        cacheSize,
        cacheAverageLoadTime,
        queueDepth,
        batches,
        batchedSources,
        swaps,
        failedLoads,
        requests,
        versions,
        Map.of());
  }

  /** Answers of {@code command} produced by {@code source}. */
  public long answers(Command command, AnswerSource source) {
    return answers.getOrDefault(command, Map.of()).getOrDefault(source, 0L);
  }

  /** Requests of {@code command} answered with {@code status}. */
  public long requests(Command command, Status status) {
    return requests.getOrDefault(command, Map.of()).getOrDefault(status, 0L);
  }
}
