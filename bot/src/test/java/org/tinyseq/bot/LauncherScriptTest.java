package org.tinyseq.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tinyseq-bot}, the command README starts the bot with: it must start the jar with the
 * Vector API module (the decoder's fast kernels), pass the extra JVM options and the arguments on,
 * and say clearly when the jar is not built. The jar here is a stand-in whose main class is {@link
 * LauncherProbe}; the tests run from the bot module's folder, so the script is {@code ../bin}.
 */
class LauncherScriptTest {
  private static final Path SCRIPT = Path.of("..", "bin", "tinyseq-bot");

  @TempDir Path dir;

  @Test
  void startsTheJarWithTheVectorModuleTheOptionsAndTheArguments() throws Exception {
    Path jar = probeJar();
    Result r =
        run(
            Map.of(
                "TINYSEQ_JAR",
                jar.toString(),
                "TINYSEQ_JAVA_OPTS",
                "-Xmx64m -Dtinyseq.probe=given"),
            "--help",
            "two words");
    assertEquals(0, r.code(), r.err());
    assertEquals("vector=true probe=given args=--help|two words\n", r.out());
  }

  @Test
  void aMissingJarIsOneLineSayingHowToBuildIt() throws Exception {
    Path missing = dir.resolve("bot.jar");
    Result r = run(Map.of("TINYSEQ_JAR", missing.toString()));
    assertEquals(1, r.code());
    assertEquals(
        "tinyseq-bot: "
            + missing
            + " not found; build it first: ./mvnw -B -q package -DskipTests\n",
        r.err());
  }

  /** A jar of nothing but a manifest: main class {@link LauncherProbe} from the test classes. */
  private Path probeJar() throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
    m.getMainAttributes()
        .put(
            Attributes.Name.CLASS_PATH,
            LauncherProbe.class.getProtectionDomain().getCodeSource().getLocation().toString());
    Path jar = dir.resolve("probe.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream ignored = new JarOutputStream(out, m)) {
      // the manifest is the whole jar
    }
    return jar;
  }

  private record Result(int code, String out, String err) {}

  private Result run(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString());
    pb.command().addAll(java.util.List.of(args));
    // the JVM this test runs on, whatever is on PATH
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("JDK_JAVA_OPTIONS");
    pb.environment().remove("TINYSEQ_JAVA_OPTS");
    pb.environment().putAll(env);
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not end");
    String stderr =
        Files.readString(err, StandardCharsets.UTF_8)
            .replace("WARNING: Using incubator modules: jdk.incubator.vector\n", "");
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), stderr);
  }
}
