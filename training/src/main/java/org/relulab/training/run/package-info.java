/**
 * A training run: RunFactory assembles it from its RunConfig, Trainer steps, logs and checkpoints it, MetricsCsv
 * owns metrics.csv and Manifest manifest.json; batches, evaluation and the memory estimate.
 */
package org.relulab.training.run;
