package org.tinyseq.serve;

/** A request refused for a reason known before decoding; carries the reply's status and message. */
final class Rejection extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Status status;

  Rejection(Status status, String message) {
    super(message, null, false, false); // an expected outcome: no stack trace
    this.status = status;
  }

  Status status() {
    return status;
  }
}
