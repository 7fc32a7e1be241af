/**
 * The command line, {@code relulab COMMAND [OPTIONS]}, on picocli: RelulabCommand builds the tree of commands (one
 * class each, train's options built from RunOption and RunOptionHelp), StandardHelp gives each --help, --version and
 * the exit codes (relulab bench's commands too); Main parses, prints help, and runs the command. A user mistake is one
 * line and exit code 2 (UsageException, ParseErrors). Nothing here computes.
 */
package org.relulab.training.cli;
