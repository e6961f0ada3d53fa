package org.tinyseq.train.pool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.store.MMapDirectory;
import org.tinyseq.serve.chat.RetrievedReply;
import org.tinyseq.serve.pool.LuceneReplyRetriever;
import org.tinyseq.serve.pool.PoolIndex;
import org.tinyseq.serve.pool.ReplyPool;

/** A Lucene BM25 index of the pool in a folder, over words (as served) or character trigrams. */
final class LuceneSystem implements RetrievalSystem {
  private final String name;
  private final Path folder;
  private final LuceneReplyRetriever retriever;

  private LuceneSystem(String name, Path folder, LuceneReplyRetriever retriever) {
    this.name = name;
    this.folder = folder;
    this.retriever = retriever;
  }

  /** The served analysis: Lucene's standard word tokenizer, lower-cased. */
  static LuceneSystem words(ReplyPool pool, Path folder) throws Exception {
    return build("lucene BM25, words (served)", pool, folder, PoolIndex::words);
  }

  /** Character trigrams of the lower-cased message, spaces included (as the memory's cosine). */
  static LuceneSystem charTrigrams(ReplyPool pool, Path folder) throws Exception {
    return build("lucene BM25, char 3-grams", pool, folder, LuceneSystem::trigramAnalyzer);
  }

  private static LuceneSystem build(
      String name, ReplyPool pool, Path folder, java.util.function.Supplier<Analyzer> analyzer)
      throws Exception {
    Files.createDirectories(folder);
    try (MMapDirectory dir = new MMapDirectory(folder)) {
      PoolIndex.build(pool, dir, analyzer.get());
    }
    return new LuceneSystem(
        name, folder, new LuceneReplyRetriever(new MMapDirectory(folder), analyzer.get()));
  }

  private static Analyzer trigramAnalyzer() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer grams = new NGramTokenizer(3, 3);
        return new TokenStreamComponents(grams, new LowerCaseFilter(grams));
      }
    };
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> replies(String message, int k) {
    return retriever.top(message, k).stream().map(RetrievedReply::reply).toList();
  }

  @Override
  public long diskBytes() {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() throws IOException {
    retriever.close();
  }
}
