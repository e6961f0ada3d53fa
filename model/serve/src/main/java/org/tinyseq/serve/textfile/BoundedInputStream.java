package org.tinyseq.serve.textfile;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails once more than a given number of bytes were read through it: the cap on what a compressed
 * bundle part may decompress to (the memory file, the reply pool).
 */
public final class BoundedInputStream extends FilterInputStream {
  private final long limit;
  private long total;

  public BoundedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  /** Bytes read so far. */
  public long total() {
    return total;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(int n) throws IOException {
    total += n;
    if (total > limit) {
      throw new IOException("more than " + limit + " bytes once decompressed");
    }
  }
}
