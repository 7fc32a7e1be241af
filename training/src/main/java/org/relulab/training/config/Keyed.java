package org.relulab.training.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A choice of the command line, named by its key ({@code signed-relu}, {@code two-layer}, {@code gd} ...). */
public interface Keyed {
    /** The command-line and manifest name. */
    String key();

    /**
     * The constant of {@code type} whose key is {@code key}, or an {@link IllegalArgumentException} listing the keys.
     */
    static <E extends Enum<E> & Keyed> E parse(Class<E> type, String option, String key) {
        for (E e : type.getEnumConstants()) if (e.key().equals(key)) return e;
        throw new IllegalArgumentException(option + " '" + key + "': expected one of " + keys(type));
    }

    /** "abs, relu, signed-relu". */
    static <E extends Enum<E> & Keyed> String keys(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Keyed::key).collect(Collectors.joining(", "));
    }
}
