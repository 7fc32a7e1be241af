/**
 * Metrics of a run beyond the losses (LMZ20's Hermite terms, ZYWG19's parameter recovery, AS21's teacher
 * identification, logged through LoggedMetric) and the fits the experiments summarize with.
 */
package org.relulab.training.metrics;
