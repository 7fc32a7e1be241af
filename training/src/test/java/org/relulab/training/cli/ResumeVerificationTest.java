package org.relulab.training.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.failure.ExitCode;

/**
 * {@code train --resume} trusts nothing it finds: a manifest, a checkpoint or a metrics.csv that disagree with each
 * other (edited, corrupted, truncated) is refused in one line with exit code 2, before anything in the folder is
 * written or deleted; an interrupted run whose files agree resumes bit-identically, rows after its checkpoint and a
 * torn last row included.
 */
class ResumeVerificationTest {
    @TempDir
    Path tmp;

    @Test
    void anInterruptedRunResumesBitIdenticallyDroppingTheRowsAfterItsCheckpointAndATornLastRow() throws IOException {
        Path whole = tmp.resolve("whole"), dir = InterruptedRun.make(tmp.resolve("killed"));
        assertEquals(0, InterruptedRun.whole(whole));
        Files.writeString(dir.resolve("metrics.csv"), "30,0.9,", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(0, Main.run(new String[] {"train", "--resume", dir.toString()}, sink(), sink()));
        assertEquals(withoutSeconds(whole), withoutSeconds(dir));
        assertArrayEquals(Files.readAllBytes(whole.resolve("student_layer1_weight.npy")),
                Files.readAllBytes(dir.resolve("student_layer1_weight.npy")));
    }

    @Test
    void aResumeMayChooseItsThreadsAndStillEndsBitIdentical() throws IOException {
        Path whole = tmp.resolve("whole-1t"), dir = InterruptedRun.make(tmp.resolve("killed-2t"));
        assertEquals(0, InterruptedRun.whole(whole)); // one thread throughout
        assertEquals(0, Main.run(new String[] {"train", "--resume", dir.toString(), "--threads", "2"}, sink(),
                sink()));
        assertEquals(withoutSeconds(whole), withoutSeconds(dir));
        assertArrayEquals(Files.readAllBytes(whole.resolve("student_layer1_weight.npy")),
                Files.readAllBytes(dir.resolve("student_layer1_weight.npy")));
        assertTrue(Files.readString(dir.resolve("manifest.json")).contains("\"threads\": 2"),
                "the manifest records the threads the run ended with");
        assertEquals(2, Main.run(new String[] {"train", "--resume", dir.toString(), "--lr", "1"}, sink(), sink()),
                "no other option");
    }

    @Test
    void anEditedLearningRateIsRefused() throws IOException {
        Path dir = InterruptedRun.make(tmp.resolve("lr"));
        editManifest(dir, "\"lr\": [^,\n]*", "\"lr\": 0.5");
        refused(dir, "lr");
    }

    @Test
    void anEditedSeedIsRefused() throws IOException {
        Path dir = InterruptedRun.make(tmp.resolve("seed"));
        editManifest(dir, "\"seed\": 3", "\"seed\": 4");
        refused(dir, "seed");
    }

    @Test
    void stepsLoweredBelowTheCheckpointAreRefused() throws IOException {
        Path dir = InterruptedRun.make(tmp.resolve("steps"));
        editManifest(dir, "\"steps\": 60", "\"steps\": 15");
        refused(dir, "step 20");
    }

    @Test
    void aCheckpointWithAnImpossibleStepAndAValidCrcIsRefused() throws IOException {
        for (long step : new long[] {1_000_000, 13, -10}) {
            Path dir = InterruptedRun.make(tmp.resolve("step" + step));
            rewriteStep(dir.resolve("checkpoint.bin"), step);
            refused(dir, "step " + step);
        }
    }

    @Test
    void aCorruptedCheckpointIsRefusedNamingTheFile() throws IOException {
        Path dir = InterruptedRun.make(tmp.resolve("flipped"));
        byte[] bytes = Files.readAllBytes(dir.resolve("checkpoint.bin"));
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(dir.resolve("checkpoint.bin"), bytes);
        refused(dir, dir.resolve("checkpoint.bin") + ": CRC mismatch");
    }

    @Test
    void aTruncatedCheckpointIsRefusedNamingTheFile() throws IOException {
        for (int keep : new int[] {100, 20, 0}) {
            Path dir = InterruptedRun.make(tmp.resolve("truncated" + keep));
            Path file = dir.resolve("checkpoint.bin");
            Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), keep));
            refused(dir, file.toString());
        }
    }

    @Test
    void aGarbageRowInMetricsIsRefusedBeforeTheManifestIsRewritten() throws IOException {
        Path dir = InterruptedRun.make(tmp.resolve("garbage"));
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        replaceLine(dir.resolve("metrics.csv"), 3, lines.get(3).replaceFirst("^10,", "garbage,"));
        refused(dir, "'garbage'");
    }

    @Test
    void metricsThatStopBeforeTheCheckpointAreRefused() throws IOException {
        Path dir = InterruptedRun.make(tmp.resolve("short"));
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        Files.write(dir.resolve("metrics.csv"), lines.subList(0, 3)); // the header, steps 0 and 5
        refused(dir, "metrics.csv");
    }

    @Test
    void metricsWithADuplicatedOrMisplacedStepAreRefused() throws IOException {
        Path dir = InterruptedRun.make(tmp.resolve("duplicated"));
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        replaceLine(dir.resolve("metrics.csv"), 3, lines.get(2)); // step 5 twice, no step 10
        refused(dir, "step 5");
    }

    /** Resuming {@code dir} exits with code 2, one line naming {@code names}, and leaves every file as it was. */
    private static void refused(Path dir, String names) throws IOException {
        Map<String, String> before = contents(dir);
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"train", "--resume", dir.toString()}, sink(),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        String err = e.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.USAGE.code(), code, err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        assertTrue(err.toLowerCase(Locale.ROOT).contains(names.toLowerCase(Locale.ROOT)), names + ": " + err);
        assertEquals(before, contents(dir), "the folder is left as it was");
    }

    /** Replaces the first match of {@code regex} in the manifest by {@code to}. */
    private static void editManifest(Path dir, String regex, String to) throws IOException {
        Path manifest = dir.resolve("manifest.json");
        String text = Files.readString(manifest), edited = text.replaceFirst(regex, to);
        assertFalse(text.equals(edited), text);
        Files.writeString(manifest, edited);
    }

    /**
     * Writes {@code step} into the checkpoint (a long after the magic and the version) and a CRC-32 that matches: what
     * a user who knows the format can do.
     */
    private static void rewriteStep(Path file, long step) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(8, step);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.capacity() - 4);
        b.putInt(b.capacity() - 4, (int) crc.getValue());
        Files.write(file, b.array());
    }

    private static void replaceLine(Path file, int index, String line) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(index, line);
        Files.write(file, lines);
    }

    /** Every file in {@code dir} by name, with its bytes. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList())
                files.put(p.getFileName().toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
        }
        return files;
    }

    private static List<String> withoutSeconds(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("metrics.csv")))
            out.add(line.substring(0, line.lastIndexOf(',')));
        return out;
    }

    private static PrintStream sink() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
