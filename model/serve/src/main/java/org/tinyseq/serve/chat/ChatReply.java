package org.tinyseq.serve.chat;

/**
 * The reply the chat path chose.
 *
 * @param text the reply
 * @param origin where it came from; null for {@link ChatAnswerer#NO_REPLY}
 * @param score its {@link ChatRanking#score}; NaN for {@link ChatAnswerer#NO_REPLY}
 * @param candidates how many candidates were scored
 */
public record ChatReply(String text, ChatCandidate.Origin origin, double score, int candidates) {}
