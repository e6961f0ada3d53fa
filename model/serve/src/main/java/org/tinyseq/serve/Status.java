package org.tinyseq.serve;

/** The outcome of one request. Only {@link #OK} carries a decoded text. */
public enum Status {
  /** Decoded (or served from the cache). */
  OK,
  /** Nothing left after normalisation. */
  EMPTY_INPUT,
  /** Longer than the configured limit or the model's source limit; never silently truncated. */
  TOO_LONG,
  /** Contains control characters other than ordinary whitespace (tab, line feed, return). */
  INVALID_INPUT,
  /** The decode queue is full; answered at once, try again later. */
  BUSY,
  /** No answer within the configured request timeout. */
  TIMEOUT,
  /** No model of that kind is loaded. */
  UNAVAILABLE,
  /** An unexpected failure; details are logged, the reply holds a short message. */
  ERROR
}
