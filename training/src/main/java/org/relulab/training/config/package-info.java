/**
 * The typed, validated configuration of a training run: RunConfig and its builder (every default written once),
 * the parts it is made of, RunOption (every option's name, manifest key and one range), RunOptionHelp (what
 * {@code train --help} says of each) and the kinds of teacher, network and optimizer, each building what it names.
 */
package org.relulab.training.config;
