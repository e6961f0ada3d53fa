package org.tinyseq.bot.ops;

import java.io.IOException;
import java.nio.file.Path;
import org.tinyseq.serve.ModelPublisher;

/**
 * The command line of {@link ModelPublisher}: publishes a verified copy of a model under a new
 * version into a models folder, atomically, for a running bot to pick up.
 *
 * <pre>
 * java -cp bot.jar org.tinyseq.bot.ops.PublishBundle SOURCE KIND_FOLDER [VERSION]
 *   SOURCE       default:translate, default:chat, or a bundle directory
 *   KIND_FOLDER  e.g. $MODELS_DIR/translate
 *   VERSION      the new version label (default: KIND-yyyyMMdd'T'HHmmss'Z', now)
 * </pre>
 */
public final class PublishBundle {
  private PublishBundle() {}

  public static void main(String[] args) {
    if (args.length < 2 || args.length > 3) {
      System.err.println(
          "usage: PublishBundle SOURCE KIND_FOLDER [VERSION]   (SOURCE: default:translate,"
              + " default:chat or a bundle directory)");
      System.exit(2);
    }
    try {
      Path written =
          ModelPublisher.publish(args[0], Path.of(args[1]), args.length == 3 ? args[2] : null);
      System.out.println(written);
    } catch (IOException e) {
      System.err.println("PublishBundle: " + e.getMessage());
      System.exit(1);
    }
  }
}
