package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The archive's two launchers, {@code bin/genmat} (Linux, macOS) and {@code bin\genmat.cmd} (Windows, written with
 * CRLF line ends by the assembly), start the same main class with the same user settings.
 */
class LaunchersTest {

    private static final Path BIN = Path.of("src/dist/bin");

    @Test
    void bothLaunchersStartTheCommandLineWithTheSameSettings() throws Exception {
        for (String name : new String[] {"genmat", "genmat.cmd"}) {
            String text = Files.readString(BIN.resolve(name));
            assertThat(text).as(name).contains(GenmatCli.class.getName(), "GENMAT_JAVA_OPTS", "TF_CPP_MIN_LOG_LEVEL",
                "org.example.genmat.cli-*.jar", "the installation is incomplete");
        }
        assertThat(Files.readString(BIN.resolve("genmat.cmd"))).startsWith("@echo off").contains("%*", "exit /b");
    }

    @Test
    void theAssemblyWritesTheWindowsLauncherWithCrlf() throws Exception {
        String assembly = Files.readString(Path.of("src/assembly/genmat.xml"));
        assertThat(assembly).containsPattern("<include>\\*\\.cmd</include></includes>\\s*<fileMode>0644</fileMode>"
            + "<lineEnding>dos</lineEnding>");
    }
}
