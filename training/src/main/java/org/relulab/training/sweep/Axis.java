package org.relulab.training.sweep;

import java.util.Map;

/**
 * One swept option and its values, as a spec's {@code [axes]} table gives them: a list ({@link ListAxis}), a linear
 * or log range or an "A..B" integer range ({@link RangeAxis}), or a multiple of another option ({@link DerivedAxis}).
 * Axes combine in a product, except those zipped together, which advance in step.
 */
public sealed interface Axis permits ListAxis, RangeAxis, DerivedAxis {
    /** The swept option, by its command-line name ({@code lr}, {@code test-n}). */
    String option();

    /** Where the spec defines it. */
    SpecPosition at();

    /** Where the spec writes the {@code i}-th value: {@link #at()} unless the value is listed. */
    default SpecPosition at(int i) {
        return at();
    }

    /** How many values it has (at least one). */
    int size();

    /**
     * The label of the {@code i}-th value in folder names and summaries: the value's canonical text ("0.5"), or for a
     * derived axis the factor and the option it multiplies ("1.5d").
     */
    String label(int i);

    /**
     * The {@code i}-th value as the command line takes it. {@code earlier} holds the point's values of the base options
     * and of the axes written above this one (a derived axis reads its factor's option there).
     */
    String value(int i, Map<String, String> earlier);
}
