package org.tinyseq.spark.training;

import java.io.Serializable;

/**
 * What the driver broadcasts at the start of a round: the parameters, and for parameter averaging
 * the Adam moments and step count the workers continue from.
 *
 * @param moments null when the workers only compute gradients
 */
record ModelState(float[] parameters, float[] moments, int iteration) implements Serializable {}
