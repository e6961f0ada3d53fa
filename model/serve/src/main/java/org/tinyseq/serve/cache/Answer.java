package org.tinyseq.serve.cache;

/**
 * A decoded answer as cached, or the failure of its decode (kept only until the cache drops it).
 *
 * @param text the decoded text, empty on failure
 * @param truncated the decoder stopped at the step limit
 * @param failure why the decode failed, null when it succeeded
 */
public record Answer(String text, boolean truncated, Throwable failure) {

  public Answer(String text, boolean truncated) {
    this(text, truncated, null);
  }

  public static Answer failed(Throwable failure) {
    return new Answer("", false, failure);
  }

  public boolean ok() {
    return failure == null;
  }
}
