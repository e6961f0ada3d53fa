package org.tinyseq.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.serve.bundle.TestBundles;
import org.tinyseq.serve.memory.MemoryEntry;

/**
 * The bot never dies because of a bundle: a bot.jar process with a 64 MB heap and {@code
 * -XX:+ExitOnOutOfMemoryError} (the strictest setting: any out-of-memory error ends the process)
 * finds, beside a small bundle, a newer one whose example memory needs far more heap than there is.
 * It refuses that bundle before reading it, serves the small one, and ends normally; at its next
 * start the refusal, recorded next to the bundle, holds without another try.
 */
class SmallHeapTest {
  @TempDir Path models;

  @Test
  void aBundleTooLargeForTheHeapIsRefusedAndTheBotServesOnAcrossARestart() throws Exception {
    Path kind = models.resolve("translate");
    RandomBundles.write(
        kind,
        "translate",
        "a-small",
        TestBundles.lstm(8, 4),
        RandomBundles.englishChars(),
        RandomBundles.cjkChars(20),
        1);
    Path big =
        RandomBundles.write(
            kind,
            "translate",
            "b-big",
            TestBundles.lstm(8, 4),
            RandomBundles.englishChars(),
            RandomBundles.cjkChars(20),
            2);
    // 200,000 entries: about 120 MB by the estimate, 107-111 MB measured (docs/serving-service.md);
    // loading them into a 64 MB heap would end in an OutOfMemoryError, which this JVM would not
    // survive.
    List<MemoryEntry> entries = new ArrayList<>(200_000);
    for (int i = 0; i < 200_000; i++) {
      entries.add(new MemoryEntry(String.format("sentence number %07d", i), "句子" + i));
    }
    TestBundles.withMemory(big, entries, null, 0.5);
    entries = null;

    Run first = runBot();
    assertEquals(0, first.exit, first.all());
    assertFalse(first.out.contains("! "), first.all());
    assertTrue(first.out.contains("a-small"), "/model names the small bundle: " + first.all());
    assertTrue(first.err.contains("Refused model bundle " + big), first.all());
    assertTrue(first.err.contains("needs about"), first.all());
    Path record = kind.resolve("b-big.refused");
    assertTrue(Files.readString(record).contains("needs about"), Files.readString(record));

    Run second = runBot();
    assertEquals(0, second.exit, second.all());
    assertTrue(second.out.contains("a-small"), second.all());
    assertTrue(second.err.contains("(recorded in b-big.refused)"), second.all());
  }

  private record Run(int exit, String out, String err) {
    String all() {
      return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  private Run runBot() throws IOException, InterruptedException {
    Path out = Files.createTempFile(models.getParent(), "bot-out", ".txt");
    Path err = Files.createTempFile(models.getParent(), "bot-err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(
            System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
            "-Xmx64m",
            "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            System.getProperty("java.class.path"),
            BotMain.class.getName());
    pb.environment().clear();
    pb.environment().put("MODELS_DIR", models.toString());
    pb.environment().put("USE_DEFAULT_MODELS", "false");
    pb.environment().put("MODELS_WATCH", "false");
    pb.environment().put("LOG_LEVEL", "WARN");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().write("/translate abc\n/model\n".getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the bot did not end: " + Files.readString(err));
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
