package org.relulab.training.cli;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.sweep.PointWorker;

/**
 * {@code relulab sweep-worker}, not for people: the worker JVM the sweep runner keeps for a job slot
 * ({@link PointWorker} has the protocol). For each request line it runs {@code train} as {@code relulab train} would,
 * with everything printed (by the command line and by any code that writes to System.out or System.err) appended to
 * the point's log, then answers with the exit code. An error the JVM cannot go on from (out of memory) is answered,
 * and ends the worker.
 */
final class SweepWorkerCommand {
    private SweepWorkerCommand() {}

    static void serve(InputStream requests, PrintStream answers) {
        PrintStream quiet = System.err;
        BufferedReader in = new BufferedReader(new InputStreamReader(requests, StandardCharsets.UTF_8));
        try {
            for (String line; (line = in.readLine()) != null;) {
                if (line.isBlank()) continue;
                List<String> fields = PointWorker.fields(line);
                boolean fatal = false;
                int code;
                try (PrintStream log = new PrintStream(new FileOutputStream(fields.get(0), true), true,
                        StandardCharsets.UTF_8)) {
                    System.setOut(log);
                    System.setErr(log);
                    try {
                        String[] args = fields.subList(1, fields.size()).toArray(String[]::new);
                        code = Main.run(args, log, log);
                    } catch (Error e) { // Main.run answers everything else itself
                        log.println("relulab: " + e);
                        code = ExitCode.ENVIRONMENT.code();
                        fatal = true;
                    }
                } catch (IOException e) {
                    code = ExitCode.ENVIRONMENT.code();
                } finally {
                    System.setOut(quiet);
                    System.setErr(quiet);
                }
                answers.println(PointWorker.EXIT + code);
                answers.flush();
                if (fatal) return;
            }
        } catch (IOException e) {
            // the runner is gone: so is this worker
        }
    }
}
