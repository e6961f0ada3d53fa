package org.tinyseq.serve.pool;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.tinyseq.serve.chat.ReplyRetriever;
import org.tinyseq.serve.chat.RetrievedReply;

/**
 * {@link ReplyRetriever} over a {@link PoolIndex}: the asked message's distinct terms (the index's
 * analyser) as one disjunction, scored by Lucene's BM25 (k1 = 1.2, b = 0.75) against the stored
 * messages. Replies that differ only in case are one candidate (the best-scoring one), so k
 * candidates are k different replies. Equal scores keep pool order. Thread-safe; {@link #close}
 * once nothing searches any more.
 */
public final class LuceneReplyRetriever implements ReplyRetriever, Closeable {
  /** Most candidates one call returns. */
  public static final int MAX_K = 1_000;

  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final Analyzer analyzer;

  /** Opens the index in {@code directory}; closing the retriever closes the directory too. */
  public LuceneReplyRetriever(Directory directory, Analyzer analyzer) throws IOException {
    this.directory = directory;
    this.reader = DirectoryReader.open(directory);
    this.searcher = new IndexSearcher(reader);
    this.analyzer = analyzer;
  }

  /** The data of the index's commit (what it was built from: {@link PoolIndex#build}). */
  java.util.Map<String, String> commitData() throws IOException {
    return reader.getIndexCommit().getUserData();
  }

  /** Pairs in the index. */
  public int size() {
    return reader.numDocs();
  }

  @Override
  public List<RetrievedReply> top(String normalizedMessage, int k) {
    int wanted = Math.min(k, MAX_K);
    if (wanted <= 0 || normalizedMessage == null || normalizedMessage.isEmpty()) {
      return List.of();
    }
    try {
      BooleanQuery query = query(normalizedMessage);
      if (query.clauses().isEmpty()) {
        return List.of();
      }
      // Room for duplicate replies ("Yes." answers many messages) without a second search.
      TopDocs hits = searcher.search(query, 2 * wanted + 16);
      StoredFields stored = searcher.storedFields();
      List<RetrievedReply> out = new ArrayList<>(wanted);
      Set<String> seen = new HashSet<>();
      for (ScoreDoc hit : hits.scoreDocs) {
        Document doc = stored.document(hit.doc);
        String reply = doc.get(PoolIndex.REPLY);
        if (seen.add(reply.toLowerCase(Locale.ROOT))) {
          out.add(new RetrievedReply(doc.get(PoolIndex.MESSAGE), reply, hit.score));
          if (out.size() == wanted) {
            break;
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private BooleanQuery query(String text) throws IOException {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream tokens = analyzer.tokenStream(PoolIndex.MESSAGE, text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken() && terms.size() < IndexSearcher.getMaxClauseCount()) {
        terms.add(term.toString());
      }
      tokens.end();
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (String t : terms) {
      query.add(new TermQuery(new Term(PoolIndex.MESSAGE, t)), BooleanClause.Occur.SHOULD);
    }
    return query.build();
  }

  @Override
  public void close() throws IOException {
    try {
      reader.close();
    } finally {
      directory.close();
    }
  }
}
