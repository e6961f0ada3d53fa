package org.tinyseq.serve.answer;

import org.tinyseq.serve.AnswerSource;

/**
 * An answer as a path produced it.
 *
 * @param text the answer
 * @param truncated the decoder stopped at the step limit (the text may be cut short)
 * @param source what produced it, for the service's counters
 */
public record Produced(String text, boolean truncated, AnswerSource source) {}
