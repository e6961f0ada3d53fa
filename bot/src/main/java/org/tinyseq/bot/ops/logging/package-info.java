/**
 * Logback plumbing for {@code logback.xml}: the {@code LOG_FORMAT} switch between plain and JSON
 * lines, and encoders that mask anything shaped like a Discord token before it is written.
 */
package org.tinyseq.bot.ops.logging;
