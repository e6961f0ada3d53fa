/**
 * Operations: the health and Prometheus metrics endpoint ({@link org.tinyseq.bot.ops.OpsServer},
 * {@link org.tinyseq.bot.ops.BotMetrics}), request ids for the logs ({@link
 * org.tinyseq.bot.ops.RequestIds}), the container's health probe ({@link
 * org.tinyseq.bot.ops.HealthCheck}) and a tool that publishes a copy of a bundle under a new
 * version ({@link org.tinyseq.bot.ops.PublishBundle}). See docs/operations.md.
 */
package org.tinyseq.bot.ops;
