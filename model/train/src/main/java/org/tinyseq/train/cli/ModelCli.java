package org.tinyseq.train.cli;

import java.io.InputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of model.jar: the {@code model} command and its subcommands. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    versionProvider = ModelCli.Version.class,
    description = "Trains, evaluates and runs the tinyseq seq2seq models.",
    subcommands = {
      TranslateCommand.class,
      EvalCommand.class,
      BaselineCommand.class,
      org.tinyseq.train.reference.BenchCommand.class,
      TrainCommand.class,
      TrainBenchCommand.class,
      MemoryCommand.class,
      ChatBundleCommand.class,
      PoolBenchCommand.class,
      ChatEvalCommand.class,
    })
public final class ModelCli implements Runnable {
  private final InputStream stdin;

  @Spec CommandSpec spec;

  public ModelCli() {
    this(System.in);
  }

  /** With another standard input (tests). */
  public ModelCli(InputStream stdin) {
    this.stdin = stdin;
  }

  InputStream stdin() {
    return stdin;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    CommandLines.runAndExit(commandLine(new ModelCli()), args);
  }

  /** The configured command line: one-line errors with exit code 2, case-insensitive enums. */
  public static CommandLine commandLine(ModelCli root) {
    return CommandLines.configured(root);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ModelCli.class.getPackage().getImplementationVersion();
      return new String[] {"model.jar " + (version == null ? "(development build)" : version)};
    }
  }
}
