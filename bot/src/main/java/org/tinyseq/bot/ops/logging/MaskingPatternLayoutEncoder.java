package org.tinyseq.bot.ops.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;

/** logback's pattern encoder, with {@link SecretMask} applied to every line. */
public final class MaskingPatternLayoutEncoder extends PatternLayoutEncoder {
  @Override
  public byte[] encode(ILoggingEvent event) {
    String line = getLayout().doLayout(event);
    return SecretMask.apply(line).getBytes(charset());
  }

  private java.nio.charset.Charset charset() {
    return getCharset() == null ? StandardCharsets.UTF_8 : getCharset();
  }
}
