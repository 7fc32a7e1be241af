package org.relulab.training.experiment;

import java.util.List;

/** Every experiment {@code relulab reproduce} knows, in the order its help lists them. */
public final class Experiments {
    /** LMZ20, ZYWG19, AS21, LMZ20's separation from kernels, ALL19. */
    public static final List<Experiment> ALL = List.of(new Lmz20Experiment(), new Zywg19Experiment(),
            new As21Experiment(), new BeyondNtkExperiment(), new All19Experiment());

    private Experiments() {}

    /** The names, for messages: "lmz20, zywg19, as21, beyond-ntk or all19". */
    public static String names() {
        List<String> names = ALL.stream().map(Experiment::name).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }

    /** The experiment called {@code name}, or null. */
    public static Experiment named(String name) {
        for (Experiment e : ALL) if (e.name().equals(name)) return e;
        return null;
    }
}
