package org.tinyseq.bot.ops.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;

/** logback's JSON encoder (one object a line), with {@link SecretMask} applied to every line. */
public final class MaskingJsonEncoder extends JsonEncoder {
  @Override
  public byte[] encode(ILoggingEvent event) {
    String line = new String(super.encode(event), StandardCharsets.UTF_8);
    return SecretMask.apply(line).getBytes(StandardCharsets.UTF_8);
  }
}
