package org.tinyseq.serve.chat;

import java.util.ArrayList;
import java.util.List;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.memory.MemoryMatch;

/**
 * A {@link ReplyRetriever} over an {@link ExampleMemory}: the replies of the entries whose messages
 * are closest by character-trigram cosine ({@link ExampleMemory#top}). A fallback pool (the
 * evaluation command builds one from all training pairs) until a bundle brings its own.
 */
public final class MemoryRetriever implements ReplyRetriever {
  private final ExampleMemory memory;

  public MemoryRetriever(ExampleMemory memory) {
    this.memory = memory;
  }

  @Override
  public List<RetrievedReply> top(String normalizedMessage, int k) {
    List<MemoryMatch> matches = memory.top(normalizedMessage, k);
    List<RetrievedReply> out = new ArrayList<>(matches.size());
    for (MemoryMatch m : matches) {
      out.add(new RetrievedReply(m.source(), m.target(), m.score()));
    }
    return out;
  }
}
