package org.tinyseq.spark.cli;

import org.tinyseq.train.cli.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of model-spark.jar (for {@code spark-submit --class}, or {@code
 * scripts/spark-local.sh}).
 */
@Command(
    name = "model-spark",
    mixinStandardHelpOptions = true,
    description = "Trains tinyseq models on Apache Spark (docs/training-on-spark.md).",
    subcommands = {SparkTrainCommand.class})
public final class SparkCli implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    CommandLines.runAndExit(commandLine(), args);
  }

  /** The configured command line: one-line errors with exit code 2, case-insensitive enums. */
  public static CommandLine commandLine() {
    return CommandLines.configured(new SparkCli());
  }
}
