package org.tinyseq.serve.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.decode.GreedyDecoder;

/**
 * A measuring command, not a test: prints the {@link HeapEstimate} of each bundle named (a folder,
 * or {@code classpath:org/tinyseq/models/<kind>}), then loads them all, builds their decoders and
 * decodes once each, keeping them. Run under decreasing {@code -Xmx} it finds the heap a bundle
 * really needs (docs/serving-service.md, Figures); exit 0 when everything loaded.
 */
public final class HeapProbe {
  private HeapProbe() {}

  public static void main(String[] args) throws Exception {
    List<Object> kept = new ArrayList<>();
    for (String arg : args) {
      BundleSource source =
          arg.startsWith("classpath:")
              ? BundleSource.classpath(arg.substring("classpath:".length()))
              : BundleSource.directory(Path.of(arg));
      System.out.println(arg + ": estimate " + HeapEstimate.of(source).describe());
      Bundle bundle = BundleReader.read(source);
      GreedyDecoder decoder = GreedyDecoder.of(bundle);
      decoder.decode(decoder.sourceIds(ModelLoader.warmupText(bundle)), 10);
      kept.add(decoder);
    }
    System.out.println("loaded " + kept.size());
  }
}
