package org.tinyseq.bot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.BundleWriter;
import org.tinyseq.serve.bundle.Manifest;
import org.tinyseq.serve.bundle.Tensor;
import org.tinyseq.serve.bundle.TestBundles;
import org.tinyseq.serve.text.Vocabulary;

/**
 * Bundles whose answers tell them apart: all weights zero except the output bias, so the decoder
 * always emits one token (up to the step limit). Written the way {@code model.jar train --out}
 * writes them (BundleWriter: hidden directory, then rename).
 */
public final class OneTokenBundles {
  /** What the source vocabulary holds: sources such as {@code "go 3"}. */
  private static final List<String> SOURCE =
      List.of("g", "o", " ", "0", "1", "2", "3", "4", "5", "6");

  private OneTokenBundles() {}

  /** Writes {@code models/<kind>/<version>} answering {@code token} only. */
  public static Path write(
      Path models, String kind, String version, String token, Instant createdAt) {
    Architecture a = TestBundles.lstm(8, 4);
    Vocabulary source = Vocabulary.of(SOURCE);
    Vocabulary target = Vocabulary.of(List.of(token));
    int h = a.latentDim();
    int g = a.gates() * h;
    float[] outputBias = new float[target.size()];
    outputBias[target.id(token)] = 5f;
    Manifest manifest =
        TestBundles.manifest(kind, version, a, source.size(), target.size()).toBuilder()
            .createdAt(createdAt.toString())
            .build();
    try {
      return BundleWriter.write(
          models.resolve(kind),
          manifest,
          source,
          target,
          List.of(
              zeros("embedding", source.size(), 4),
              zeros("kernel", 4, g),
              zeros("recurrent_kernel", h, g),
              zeros("bias", g)),
          List.of(
              zeros("embedding", target.size(), 4),
              zeros("kernel", 4, g),
              zeros("recurrent_kernel", h, g),
              zeros("bias", g),
              zeros("output_kernel", h, target.size()),
              new Tensor("output_bias", new int[] {target.size()}, outputBias)),
          Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Tensor zeros(String name, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return new Tensor(name, shape, new float[n]);
  }
}
