package org.tinyseq.train.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs {@code model ...} in-process with given standard input; captures out, err, exit code. */
record CliRun(int exitCode, String out, String err) {
  static CliRun run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ModelCli root = new ModelCli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    int code =
        ModelCli.commandLine(root)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
