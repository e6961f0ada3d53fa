/**
 * Test doubles: a fake {@link org.tinyseq.serve.ModelService} with controllable latency, and a
 * Discord-compatible server on loopback (REST on the JDK's HTTP server, gateway on Java-WebSocket)
 * that validates every REST body the bot sends against Discord's OpenAPI description.
 */
package org.tinyseq.bot.testing;
