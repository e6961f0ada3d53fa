package org.tinyseq.train.pool;

import java.nio.file.Path;
import java.util.List;
import org.tinyseq.serve.pool.ReplyPool;
import org.tinyseq.train.data.TextPair;

/** The retrievers {@code pool-bench} compares. */
public final class RetrievalSystems {
  private RetrievalSystems() {}

  /** Lucene BM25 over words, as served, its index in {@code folder}. */
  public static RetrievalSystem luceneWords(ReplyPool pool, Path folder) throws Exception {
    return LuceneSystem.words(pool, folder);
  }

  /** Lucene BM25 over character 3-grams, its index in {@code folder}. */
  public static RetrievalSystem luceneChar3(ReplyPool pool, Path folder) throws Exception {
    return LuceneSystem.charTrigrams(pool, folder);
  }

  /** The example memory's trigram cosine over the same pairs (in the heap). */
  public static RetrievalSystem trigramCosine(List<TextPair> pairs) {
    return new TrigramCosineSystem(pairs);
  }
}
