package org.tinyseq.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.serve.bundle.TestBundles;

class ModelPublisherTest {
  @TempDir Path dir;

  @Test
  void publishesAVerifiedCopyUnderTheNewVersion() throws Exception {
    Path original =
        RandomBundles.write(
            dir.resolve("src"),
            "translate",
            "translate-v1",
            TestBundles.lstm(8, 4),
            List.of("a", "b", " "),
            List.of("甲", "乙"),
            7);
    Path models = dir.resolve("models/translate");

    Path copy = ModelPublisher.publish(original.toString(), models, "translate-v2");

    assertEquals(models.resolve("translate-v2"), copy);
    Bundle a = BundleReader.read(BundleSource.directory(original));
    Bundle b = BundleReader.read(BundleSource.directory(copy)); // verifies the checksums
    assertEquals("translate-v2", b.version());
    assertEquals("translate-v1", b.manifest().training().get("republishedFrom"));
    assertEquals(a.targetVocabulary().tokens(), b.targetVocabulary().tokens());
    assertArrayEquals(
        a.decoder().get("output_kernel").data(), b.decoder().get("output_kernel").data());
    try (var files = Files.list(models)) {
      assertEquals(List.of(copy), files.toList(), "no temporary directory left behind");
    }
  }

  @Test
  void labelsTheCopyWithItsKindAndTheTimeWhenNoVersionIsGiven() throws Exception {
    Path original =
        RandomBundles.write(
            dir.resolve("src"),
            "chat",
            "chat-v1",
            TestBundles.lstm(8, 4),
            List.of("a"),
            List.of("b"),
            2);
    Path copy = ModelPublisher.publish(original.toString(), dir.resolve("chat"), null);
    Bundle b = BundleReader.read(BundleSource.directory(copy));
    assertEquals(ModelKind.CHAT, b.kind());
    assertTrue(b.version().startsWith("chat-"), b.version());
    assertEquals(copy.getFileName().toString(), b.version());
  }

  @Test
  void refusesToOverwriteAnExistingVersion() throws Exception {
    Path original =
        RandomBundles.write(
            dir, "chat", "chat-v1", TestBundles.lstm(8, 0), List.of("a"), List.of("b"), 1);
    assertThrows(
        FileAlreadyExistsException.class,
        () -> ModelPublisher.publish(original.toString(), dir, "chat-v1"));
  }
}
