package org.tinyseq.train.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.tinyseq.serve.bundle.BundleException;
import picocli.CommandLine;

/**
 * Reports a failed command as one line on standard error ({@code model eval: <reason>}) and exit
 * code 2. Users see no stack trace; {@code -Dtinyseq.debug=true} prints it for developers.
 */
public final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
  static final int EXIT_ERROR = 2;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
    command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + describe(e));
    if (Boolean.getBoolean("tinyseq.debug")) {
      e.printStackTrace(command.getErr());
    }
    command.getErr().flush();
    return EXIT_ERROR;
  }

  static String describe(Throwable e) {
    if (e instanceof NoSuchFileException n) {
      return "no such file or folder: " + n.getFile();
    }
    if (e instanceof AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    if (e instanceof BundleException) {
      return "cannot use model: " + e.getMessage();
    }
    if (e instanceof java.io.UncheckedIOException && e.getCause() != null) {
      return describe(e.getCause());
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return message.replace('\n', ' ');
  }
}
