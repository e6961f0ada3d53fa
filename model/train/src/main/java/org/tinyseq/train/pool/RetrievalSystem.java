package org.tinyseq.train.pool;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** One retriever under measurement: the replies it ranks first for a message. */
public interface RetrievalSystem extends Closeable {
  String name();

  /** The replies of the best {@code k} candidates, best first, without duplicates. */
  List<String> replies(String message, int k);

  /** Bytes on disk (an index), 0 for none. */
  default long diskBytes() {
    return 0;
  }

  @Override
  default void close() throws IOException {}
}
