/** Tests of console mode. */
package org.tinyseq.bot.console;
