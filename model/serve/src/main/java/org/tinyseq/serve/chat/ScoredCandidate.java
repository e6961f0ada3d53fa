package org.tinyseq.serve.chat;

/**
 * A candidate with both directions' scores ({@link ChatRanking#score} combines them).
 *
 * @param candidate the reply
 * @param forward the chat model's mean log p(reply | message) per output symbol
 * @param reverse the reverse model's mean log p(message | reply) per output symbol; NaN without a
 *     reverse model
 */
public record ScoredCandidate(ChatCandidate candidate, double forward, double reverse) {}
