package org.tinyseq.serve.decode;

/** The batcher's queue is full (or it is closed): the request was not accepted. */
public final class BusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BusyException() {
    super("decoder queue is full");
  }

  public BusyException(String message) {
    super(message);
  }
}
