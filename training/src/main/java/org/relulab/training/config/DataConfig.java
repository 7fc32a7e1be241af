package org.relulab.training.config;

import org.relulab.training.data.InputDistribution;

/**
 * The data sets of a run.
 *
 * @param d       input dimension
 * @param n       training samples
 * @param testN   held-out samples for the test (population) loss ({@code --test-n})
 * @param inputs  x ~ N(0, I) or uniform on the unit sphere (ALL19)
 */
public record DataConfig(int d, int n, int testN, InputDistribution inputs) {
    public DataConfig {
        RunOption.D.check(d);
        RunOption.N.check(n);
        RunOption.TEST_N.check(testN);
        RunOption.INPUTS.require(inputs);
    }
}
