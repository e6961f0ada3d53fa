package org.tinyseq.train.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** How model.jar and model-spark.jar set up and run their picocli command lines. */
public final class CommandLines {
  private CommandLines() {}

  /** {@code root}'s command line: one-line errors with exit code 2, case-insensitive enums. */
  public static CommandLine configured(Object root) {
    return new CommandLine(root)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new OneLineErrors());
  }

  /** Runs {@code args} with UTF-8 standard output and error, and exits with the command's code. */
  public static void runAndExit(CommandLine commandLine, String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(commandLine.setOut(out).setErr(err).execute(args));
  }
}
