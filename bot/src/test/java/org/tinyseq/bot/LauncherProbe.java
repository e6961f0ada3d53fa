package org.tinyseq.bot;

/**
 * Stands in for {@link BotMain} when {@link LauncherScriptTest} runs {@code bin/tinyseq-bot}:
 * prints what the launcher gave the JVM.
 */
public final class LauncherProbe {
  private LauncherProbe() {}

  public static void main(String[] args) {
    System.out.println(
        "vector="
            + ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            + " probe="
            + System.getProperty("tinyseq.probe")
            + " args="
            + String.join("|", args));
  }
}
