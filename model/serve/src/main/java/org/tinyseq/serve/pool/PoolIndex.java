package org.tinyseq.serve.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogByteSizeMergePolicy;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.store.Directory;

/**
 * The Lucene index of a reply pool: one document per message-reply pair, in pool order, the message
 * analysed (for BM25) and stored, the reply stored. Built by one thread with a merge policy that
 * merges only adjacent segments, so document ids follow the pool's order and equal scores are
 * broken the same way by every index built from the same pool.
 */
public final class PoolIndex {
  static final String MESSAGE = "message";
  static final String REPLY = "reply";

  /**
   * The message field: tokenized, stored, with term frequencies and norms (all BM25 reads) but no
   * positions (no phrase queries here), which saves a third of the indexing work and the space.
   */
  private static final FieldType MESSAGE_TYPE = messageType();

  /** Indexing buffer: a bounded share of a small heap (flushed to a segment when full). */
  private static final double RAM_BUFFER_MB = 16;

  private PoolIndex() {}

  /**
   * The analyser of the served pool: Lucene's standard word tokenizer, lower-cased, no stopwords.
   */
  public static Analyzer words() {
    return new StandardAnalyzer();
  }

  /** Commit data key: the full sha256 of the pool file the index was built from. */
  static final String COMMIT_POOL_SHA256 = "poolSha256";

  /** Commit data key: the pairs indexed. */
  static final String COMMIT_PAIRS = "pairs";

  /**
   * Writes the index of {@code pool} into the empty {@code directory} and commits it, with the
   * pool's sha256 and pair count as the commit's data.
   */
  public static void build(ReplyPool pool, Directory directory, Analyzer analyzer)
      throws IOException, PoolFileException {
    IndexWriterConfig config =
        new IndexWriterConfig(analyzer)
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setRAMBufferSizeMB(RAM_BUFFER_MB)
            .setMergePolicy(new LogByteSizeMergePolicy())
            .setMergeScheduler(new SerialMergeScheduler())
            .setUseCompoundFile(false)
            .setCommitOnClose(false);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      Field message = new Field(MESSAGE, "", MESSAGE_TYPE);
      Field reply = new StoredField(REPLY, "");
      Document doc = new Document();
      doc.add(message);
      doc.add(reply);
      try {
        pool.forEachPair(
            (m, r) -> {
              message.setStringValue(m);
              reply.setStringValue(r);
              try {
                writer.addDocument(doc);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      // What the index is of, for PoolIndexes to check when it reuses the folder.
      writer.setLiveCommitData(
          java.util.Map.of(
                  COMMIT_POOL_SHA256, pool.sha256(),
                  COMMIT_PAIRS, Integer.toString(writer.getDocStats().numDocs))
              .entrySet());
      writer.commit();
    }
  }

  private static FieldType messageType() {
    FieldType type = new FieldType();
    type.setTokenized(true);
    type.setStored(true);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
    type.freeze();
    return type;
  }
}
