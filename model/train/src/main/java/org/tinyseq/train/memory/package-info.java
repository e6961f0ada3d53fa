/**
 * Building a bundle's example memory from the training split ({@link
 * org.tinyseq.train.memory.MemoryBuilder}, with its tie rule), choosing its threshold on the
 * validation split ({@link org.tinyseq.train.memory.ThresholdChoice}) and adding a memory to an
 * existing bundle ({@link org.tinyseq.train.memory.MemoryBundles}).
 */
package org.tinyseq.train.memory;
