package org.tinyseq.serve;

/** The outcome of one request. Only {@link #OK} carries a decoded text. */
public enum Status {
  /** Decoded (or served from the cache). */
  OK,
  /** Nothing left after normalisation. */
  EMPTY_INPUT,
  /** Longer than the configured limit or the model's source limit; never silently truncated. */
  TOO_LONG,
  /**
   * Contains control characters other than ordinary whitespace (tab, line feed, return), or a lone
   * surrogate.
   */
  INVALID_INPUT,
  /**
   * Not in the model's source language: a translate request whose letters are mostly of another
   * script than Latin (Chinese, for a start); the model only knows English sources.
   */
  NOT_ENGLISH,
  /** The decode queue is full; answered at once, try again later. */
  BUSY,
  /** No answer within the configured request timeout. */
  TIMEOUT,
  /** No model of that kind is loaded. */
  UNAVAILABLE,
  /** An unexpected failure; details are logged, the reply holds a short message. */
  ERROR
}
