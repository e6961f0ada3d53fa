package org.tinyseq.serve.chat;

/**
 * One retrieved candidate.
 *
 * @param message the stored message that matched
 * @param reply the reply a person wrote to it
 * @param similarity the retriever's score of the match (higher is closer; scale is the retriever's)
 */
public record RetrievedReply(String message, String reply, double similarity) {}
