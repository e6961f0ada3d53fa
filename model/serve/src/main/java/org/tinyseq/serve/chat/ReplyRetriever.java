package org.tinyseq.serve.chat;

import java.util.List;

/**
 * Human replies to stored messages like a given one: the retrieval half of the chat answer path.
 */
public interface ReplyRetriever {
  /**
   * The replies of the {@code k} stored messages most similar to {@code normalizedMessage}, best
   * first; the same message always gives the same list.
   */
  List<RetrievedReply> top(String normalizedMessage, int k);
}
