package org.tinyseq.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.registry.ModelDirs;
import org.tinyseq.serve.translate.NoisyChannelReranker;

/** The translate commands' reranked path: the other direction's model is the channel. */
class TranslateRerankTest {
  @TempDir Path root;

  private static GreedyDecoder decoder(Path bundle) throws Exception {
    return GreedyDecoder.of(BundleReader.read(BundleSource.directory(bundle)));
  }

  @Test
  void answersAreTheRerankersAndASwapOfTheChannelModelMissesTheCache() throws Exception {
    Path en = ModelDirs.write(root, "translate", "t1", 1, 1);
    Path zh = ModelDirs.write(root, "translate-zh-en", "z1", 1, 3);
    ModelDirs.write(root, "chat", "c1", 1, 2);
    ServiceConfig config =
        ServiceFixture.builder(root).rerankBeam(3).rerankLambdaIntoChinese(0.5).build();
    try (DefaultModelService service = ServiceFixture.service(config)) {
      Reply r = service.submit(Command.TRANSLATE, "abc").join();
      assertEquals(Status.OK, r.status());
      String expected =
          new NoisyChannelReranker(decoder(en), decoder(zh), 3, 0.5)
              .translate("abc", ServiceFixture.MAX_STEPS)
              .text();
      assertEquals(expected, r.text());
      assertTrue(service.submit(Command.TRANSLATE, "abc").join().cached());

      ModelDirs.write(root, "translate-zh-en", "z2", 2, 4);
      service.reload();
      Reply after = service.submit(Command.TRANSLATE, "abc").join();
      assertFalse(after.cached(), "the channel model changed: a new answer");
      assertEquals("t1", after.modelVersion());
    }
  }

  @Test
  void withoutTheOtherDirectionItIsBeamSearchAlone() throws Exception {
    Path en = ModelDirs.write(root, "translate", "t1", 1, 1);
    ServiceConfig config = ServiceFixture.builder(root).rerankBeam(3).build();
    try (DefaultModelService service = ServiceFixture.service(config)) {
      Reply r = service.submit(Command.TRANSLATE, "abc").join();
      assertEquals(Status.OK, r.status());
      String expected =
          new NoisyChannelReranker(decoder(en), null, 3, 1)
              .translate("abc", ServiceFixture.MAX_STEPS)
              .text();
      assertEquals(expected, r.text());
    }
  }
}
