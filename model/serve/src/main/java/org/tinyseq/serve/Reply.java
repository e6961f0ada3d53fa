package org.tinyseq.serve;

import java.time.Duration;

/**
 * The answer to one request.
 *
 * @param status the outcome
 * @param text the decoded text when {@link Status#OK}, else empty
 * @param modelVersion the version of the model that produced the text (or that the request was
 *     meant for), empty when no model was involved
 * @param cached true when the text came from the result cache, or from an identical request's
 *     decode already in flight, rather than from a decode started for this request
 * @param truncated true when the decoder stopped at the step limit ({@code maxOutputSteps} or the
 *     model's {@code maxTargetLength}) before emitting the end marker: the text may be cut short
 * @param error a short, user-presentable message when not OK, else empty
 * @param elapsed time from the call to the answer
 */
public record Reply(
    Status status,
    String text,
    String modelVersion,
    boolean cached,
    boolean truncated,
    String error,
    Duration elapsed) {

  public boolean ok() {
    return status == Status.OK;
  }

  /** A non-OK reply with a short message. */
  public static Reply failure(Status status, String error, String modelVersion, Duration elapsed) {
    return new Reply(status, "", modelVersion, false, false, error, elapsed);
  }
}
