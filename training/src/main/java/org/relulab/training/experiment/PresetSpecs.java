package org.relulab.training.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.relulab.training.failure.Failure;
import org.relulab.training.failure.FileProblem;

/**
 * Where the spec files of a reproduction come from: the presets shipped in the repository's {@code sweeps/presets/}
 * folder (copied into the jar by the build, so {@code reproduce} reads the ones it was built with, from any working
 * folder), or a folder the user gives with {@code --specs DIR} holding edited copies under the same file names.
 *
 * @param label the spec as messages and the sweep folder name it: {@code sweeps/presets/zywg19/floor.toml}
 * @param bytes its text
 */
record PresetSpecs(Path label, byte[] bytes) {
    /** The repository folder of the presets, and their place in the jar under the class path's root. */
    static final String FOLDER = "sweeps/presets", RESOURCES = "/org/relulab/training/presets/";

    /**
     * The spec of sweep {@code sweep} of {@code experiment}: {@code specs/SWEEP.toml} when {@code specs} is given,
     * else the preset {@code EXPERIMENT(-quick)/SWEEP.toml}. A missing file is one line with exit code 2.
     */
    static PresetSpecs read(String experiment, boolean quick, String sweep, Path specs) {
        String file = sweep + ".toml";
        if (specs != null) {
            Path p = specs.resolve(file);
            if (!Files.isRegularFile(p)) {
                throw Failure.usage("reproduce " + experiment + ": --specs " + specs + " has no " + file
                        + " (expected a copy of " + FOLDER + "/" + preset(experiment, quick) + "/" + file + ")");
            }
            try {
                return new PresetSpecs(p, Files.readAllBytes(p));
            } catch (IOException e) {
                throw FileProblem.of("reading", p, e);
            }
        }
        String name = preset(experiment, quick) + "/" + file;
        try (InputStream in = PresetSpecs.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) throw new IllegalStateException("the build did not bundle " + FOLDER + "/" + name);
            return new PresetSpecs(Path.of(FOLDER, name), in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + FOLDER + "/" + name, e);
        }
    }

    /** The preset folder's name: the experiment's, with -quick for {@code --quick}. */
    static String preset(String experiment, boolean quick) {
        return experiment + (quick ? "-quick" : "");
    }
}
