package org.relulab.training.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.relulab.training.config.RunConfig;
import org.relulab.training.data.DataSource;
import org.relulab.training.io.Json;

/**
 * What {@code train --resume DIR} needs from the run in DIR: its configuration and data source as its
 * manifest.json recorded them, its checkpoint interval; refuses clearly when DIR holds no resumable run.
 */
record Resume(RunConfig config, DataSource data, long checkpointEvery) {
    /**
     * The run in DIR as its manifest recorded it. Only reads (the manifest is replaced atomically, never rewritten in
     * place), so that a folder that holds no resumable run is refused before it is locked; the checkpoint and
     * metrics.csv are checked against it once the folder is locked, by {@code Trainer}.
     */
    static Resume of(Path dir) {
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest))
            throw new UsageException(
                    "train: --resume " + dir + ": no manifest.json there (expected the --out folder of a run)");
        if (!Files.isRegularFile(dir.resolve("checkpoint.bin"))) {
            throw new UsageException("train: --resume " + dir
                    + ": no checkpoint.bin there (expected a run started with --checkpoint-every that has not "
                    + "finished)");
        }
        try {
            Map<?, ?> m = (Map<?, ?>) Json.parse(Files.readString(manifest));
            RunConfig cfg = RunConfig.fromOptions((Map<?, ?>) m.get("options"), dir);
            Object dataDir = m.get("data_dir");
            DataSource data = new DataSource(dataDir instanceof String s && !s.isEmpty() ? Path.of(s) : null, false);
            Object every = m.get("checkpoint_every");
            long checkpointEvery = every instanceof Double d ? d.longValue() : 0;
            return new Resume(cfg, data, checkpointEvery);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("train: --resume " + dir + ": " + manifest
                    + " is not a manifest this relulab can resume (" + e.getMessage() + ")");
        }
    }
}
