package org.tinyseq.serve.bundle;

/**
 * A bundle that cannot be used: missing, corrupt, truncated, of an unknown format or mismatched.
 */
public class BundleException extends Exception {
  private static final long serialVersionUID = 1L;

  public BundleException(String message) {
    super(message);
  }

  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
