package org.tinyseq.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCliTest {
  @TempDir Path dir;

  @Test
  void helpListsTheCommands() {
    CliRun run = CliRun.run("", "--help");
    assertEquals(0, run.exitCode());
    for (String command : new String[] {"translate", "eval", "baseline"}) {
      assertTrue(run.out().contains(command), run.out());
    }
  }

  @Test
  void noCommandIsAUsageError() {
    assertEquals(2, CliRun.run("").exitCode());
  }

  @Test
  void badBundleGivesOneLineAndExitCodeTwo() {
    CliRun run = CliRun.run("hello\n", "translate", "--model", dir.resolve("nope").toString());
    assertEquals(2, run.exitCode());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("model translate: "), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
    assertEquals(
        "model translate: no such file or folder: " + dir.resolve("nope") + "\n", run.err());
    assertEquals("", run.out());
  }
}
