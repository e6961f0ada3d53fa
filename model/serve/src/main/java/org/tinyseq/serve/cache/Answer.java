package org.tinyseq.serve.cache;

/**
 * A decoded answer as cached.
 *
 * @param text the decoded text
 * @param truncated the decoder stopped at the step limit
 */
public record Answer(String text, boolean truncated) {}
