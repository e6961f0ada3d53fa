package org.tinyseq.serve.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Why the decoder runs scalar loops instead of the Vector API kernels: the reason it logs. */
class VectorSupportTest {
  @Test
  void namesTheReasonForScalarLoops() {
    assertEquals(
        "-Dtinyseq.decoder.vector=false turns them off",
        Matrix.VectorSupport.fallbackReason("false", true, () -> null));
    assertEquals(
        "the JVM was started without --add-modules jdk.incubator.vector",
        Matrix.VectorSupport.fallbackReason("true", false, () -> null));
    assertEquals(
        "the Vector API failed to start (java.lang.UnsupportedOperationException: no SIMD)",
        Matrix.VectorSupport.fallbackReason(
            "true", true, () -> new UnsupportedOperationException("no SIMD")));
    assertNull(Matrix.VectorSupport.fallbackReason("true", true, () -> null));
  }
}
