package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report folder that cannot be written is refused before the work, naming the option and the reason. */
class OutputFolderCheckTest {

    @TempDir
    Path dir;

    @Test
    void aFolderThatExistsOrCanBeCreatedPasses() {
        assertThatCode(() -> OutputFiles.requireWritableFolder("--out-dir", dir)).doesNotThrowAnyException();
        assertThatCode(() -> OutputFiles.requireWritableFolder("--out-dir", dir.resolve("new/deeper")))
            .doesNotThrowAnyException();
        assertThatCode(() -> OutputFiles.requireWritableFolder("--out-dir", Path.of("relative-report")))
            .doesNotThrowAnyException();
    }

    @Test
    void aFileIsNotAFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("report"), "x");
        assertThatThrownBy(() -> OutputFiles.requireWritableFolder("--out-dir", file))
            .hasMessage("--out-dir " + file + " is not a folder");
        assertThatThrownBy(() -> OutputFiles.requireWritableFolder("--out-dir", file.resolve("sub")))
            .hasMessage("--out-dir " + file.resolve("sub") + ": " + file + " is not a folder");
    }

    @Test
    void aFolderWithoutWritePermissionIsRefusedBeforeTheWork() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(locked), "running as root: permissions do not stop writing");
            assertThat(OutputFiles.whyNotWritable(locked)).isEqualTo("permission denied");
            assertThatThrownBy(() -> OutputFiles.requireWritableFolder("--out-dir", locked.resolve("report")))
                .hasMessage("--out-dir " + locked.resolve("report") + ": cannot write in " + locked + " (permission denied)");
            // an output file in that folder: the same rule, the same words
            assertThatThrownBy(() -> OutputFiles.plan(List.of(), "--out", locked.resolve("o.csv")))
                .hasMessage("--out " + locked.resolve("o.csv") + ": cannot write in " + locked + " (permission denied)");
            // and one in a folder still to be made there
            assertThatThrownBy(() -> OutputFiles.plan(List.of(), "--out", locked.resolve("new/o.csv")))
                .hasMessage("--out " + locked.resolve("new/o.csv") + ": cannot write in " + locked + " (permission denied)");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /**
     * As root every write-access check says yes, also on /proc and /sys, where no file can be created: the check creates
     * one, as the output's temporary is created, so train --out /proc/x.genmat is refused before the training, not after
     * it (QA 7, D12). A missing folder is checked where it would be created.
     */
    @Test
    void anOutputIsRefusedWhereNoFileCanBeCreatedAsTheCheckTriesOne() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
        assertThat(OutputFiles.whyNotWritable(Path.of("/proc"))).isEqualTo("files cannot be created there");
        assertThatThrownBy(() -> OutputFiles.plan(List.of(), "--out", Path.of("/proc/x.genmat")))
            .hasMessage("--out /proc/x.genmat: cannot write in /proc (files cannot be created there)");
        assertThatThrownBy(() -> OutputFiles.plan(List.of(), "--history", Path.of("/proc/new/h.csv")))
            .hasMessage("--history /proc/new/h.csv: cannot write in /proc (files cannot be created there)");
        assertThatThrownBy(() -> OutputFiles.requireWritableFolder("--out-dir", Path.of("/proc/report")))
            .hasMessage("--out-dir /proc/report: cannot write in /proc (files cannot be created there)");
        // the check leaves nothing behind where it could write
        assertThat(OutputFiles.whyNotWritable(dir)).isNull();
        try (java.util.stream.Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void theReasonIsTheSystemsAnswerInTheWordsOfTheMessages() {
        assertThat(OutputFiles.whyNotWritable(dir)).isNull();
        assertThat(OutputFiles.whyNotWritable(dir.resolve("missing"))).isEqualTo("no such file or folder");
        // what the JDK throws for EROFS and EACCES when it checks write access (UnixException.translateToIOException)
        assertThat(Messages.reason(new FileSystemException(dir.toString(), null, "Read-only file system")))
            .isEqualTo("read-only file system");
        assertThat(Messages.reason(new AccessDeniedException(dir.toString()))).isEqualTo("permission denied");
    }
}
