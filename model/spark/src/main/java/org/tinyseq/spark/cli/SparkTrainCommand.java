package org.tinyseq.spark.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.tinyseq.spark.data.RemoteData;
import org.tinyseq.spark.training.Averaging;
import org.tinyseq.spark.training.LearningRateScaling;
import org.tinyseq.spark.training.SparkEpochs;
import org.tinyseq.spark.training.SparkSettings;
import org.tinyseq.train.cli.TrainCommand;
import org.tinyseq.train.data.Corpus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model-spark.jar train}: every option of {@code model.jar train} (its command is mixed in,
 * not copied) plus where Spark runs and how workers are averaged. Writes the same bundle, with a
 * {@code training.spark} entry in its manifest.
 */
@Command(
    name = "train",
    sortOptions = false,
    description = {
      "Trains on Apache Spark, data-parallel, and writes the bundle model.jar train writes.",
      "Run it with spark-submit, or on local[N] with scripts/spark-local.sh."
    })
public final class SparkTrainCommand implements Callable<Integer> {
  /** Steps per worker between two averagings, by default (docs/training-on-spark.md). */
  public static final int DEFAULT_AVERAGE_EVERY = 32;

  @Spec CommandSpec spec;

  @Mixin TrainCommand train;

  @Option(
      names = "--master",
      paramLabel = "<url>",
      description =
          "Spark master: local[N], spark://host:7077, yarn, k8s://...; default: the one"
              + " spark-submit sets")
  String master;

  @Option(
      names = "--averaging",
      defaultValue = "parameters",
      paramLabel = "<what>",
      description =
          "parameters: each worker takes --average-every Adam steps on its own batches, then"
              + " parameters and Adam moments are averaged (default); gradients: every step's"
              + " batch is split across the workers and their gradients summed (one process's"
              + " arithmetic, communication every step)")
  Averaging averaging;

  @Option(
      names = "--average-every",
      defaultValue = "" + DEFAULT_AVERAGE_EVERY,
      paramLabel = "<K>",
      description =
          "steps per worker between averagings, --averaging parameters (default: ${DEFAULT-VALUE})")
  int averageEvery;

  @Option(
      names = "--learning-rate-scaling",
      defaultValue = "linear",
      paramLabel = "<rule>",
      description =
          "--averaging parameters: the workers' learning rate is --learning-rate times the number"
              + " of workers (linear, default), its square root (sqrt) or 1 (none); averaging N"
              + " workers otherwise moves the model about 1/N as far per epoch")
  LearningRateScaling learningRateScaling;

  @Option(
      names = "--workers",
      defaultValue = "0",
      paramLabel = "<N>",
      description =
          "tasks per round, 0 = Spark's default parallelism (the executor cores registered when"
              + " training starts); give it on a cluster whose executors may still be starting")
  int workers;

  @Override
  public Integer call() throws Exception {
    SparkConf conf = new SparkConf().setAppName("tinyseq train");
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "no Spark master: give --master (e.g. local[2]) or use spark-submit");
    }
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    // Float parameters and Adam moments hardly compress: LZ4 only costs time at both ends.
    conf.setIfMissing("spark.broadcast.compress", "false");
    // Synchronous rounds: start when every requested executor core is there (at most
    // spark.scheduler.maxRegisteredResourcesWaitingTime, 30 s), not with the first one.
    conf.setIfMissing("spark.scheduler.minRegisteredResourcesRatio", "1.0");
    if (averageEvery < 1 || workers < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--average-every must be >= 1 and --workers >= 0");
    }
    Path staging = Files.createTempDirectory("tinyseq-spark-data");
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      SparkSettings settings =
          new SparkSettings(
              spark.master(),
              workers > 0 ? workers : spark.defaultParallelism(),
              averaging,
              averageEvery,
              learningRateScaling,
              2,
              train.corpusOptions().locations());
      RemoteData remote = new RemoteData(spark.hadoopConfiguration(), staging);
      Corpus corpus = train.corpusOptions().load(remote::localCopy);
      return train.run(
          spec.commandLine(),
          corpus,
          (options, config, parameters, data) ->
              new SparkEpochs(spark, settings, options, config, parameters, data),
          "spark-submit model-spark.jar train",
          Map.of("spark", settings.toMap(spark.version())));
    } finally {
      deleteTree(staging);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
