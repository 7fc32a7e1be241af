/**
 * The command line, {@code relulab COMMAND [OPTIONS]}: parses the arguments and dispatches to the training run
 * (TrainCommand), the experiments (ReproduceCommand), the machine check and info; a user mistake is one line and
 * exit code 2 (UsageException). Nothing here computes.
 */
package org.relulab.training.cli;
