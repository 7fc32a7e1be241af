package org.relulab.training.cli;

import java.io.PrintStream;
import org.relulab.core.Kernels;
import org.relulab.training.machine.MachineInfo;
import picocli.CommandLine.Command;

/** {@code relulab info}: the machine, the JDK and the kernels this JVM chose. */
@Command(name = "info", description = "the machine, the JDK and the kernels relulab would use here")
final class InfoCommand implements CliCommand {
    @Override
    public void run(PrintStream out, PrintStream err) {
        try (Kernels k = Kernels.create()) {
            out.println("cpu:     " + MachineInfo.cpuModel() + ", " + MachineInfo.cores() + " cores");
            out.println("os:      " + MachineInfo.os());
            out.println("jdk:     " + MachineInfo.jdk());
            out.println("kernels: " + k.describe());
        }
    }
}
