package org.tinyseq.spark.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.tinyseq.train.cli.OneLineErrors;
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
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(commandLine().setOut(out).setErr(err).execute(args));
  }

  /** The configured command line: one-line errors with exit code 2, case-insensitive enums. */
  public static CommandLine commandLine() {
    return new CommandLine(new SparkCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new OneLineErrors());
  }
}
