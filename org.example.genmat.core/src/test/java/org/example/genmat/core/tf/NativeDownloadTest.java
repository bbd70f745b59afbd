package org.example.genmat.core.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download of DJL's native build against a local server laid out like DJL's (no internet). */
class NativeDownloadTest {

    private static final NativePlatform WINDOWS = NativePlatform.detect("Windows 11", "amd64");

    @TempDir
    Path cache;

    private static NativeLayoutServer windowsBuild() throws IOException {
        NativeLayoutServer s = new NativeLayoutServer("2.16.1");
        s.add("cpu", "win-x86_64", "jnitensorflow.dll", () -> bytes(3_000_000, 1))
            .add("cpu", "win-x86_64", "tensorflow_cc.dll", () -> bytes(20_000_000, 2))
            .add("cpu", "osx-aarch64", "libjnitensorflow.dylib", () -> bytes(10, 3));
        return s;
    }

    private static InputStream bytes(int n, int seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return new ByteArrayInputStream(b);
    }

    @Test
    void downloadsOnlyThisPlatformsFilesIntoDjlsFolderWithProgress() throws Exception {
        try (NativeLayoutServer server = windowsBuild()) {
            List<String> progress = new ArrayList<>();
            Path dir = NativeDownload.fetch(WINDOWS, "2.16.1", cache, server.base("2.16.1"), progress::add, () -> false);
            assertThat(dir).isEqualTo(cache.resolve("2.16.1-cpu-win-x86_64"));
            assertThat(Files.size(dir.resolve("jnitensorflow.dll"))).isEqualTo(3_000_000);
            assertThat(Files.readAllBytes(dir.resolve("tensorflow_cc.dll"))).isEqualTo(bytes(20_000_000, 2).readAllBytes());
            try (Stream<Path> all = Files.list(cache)) {
                assertThat(all).containsExactly(dir); // no temp folder left, nothing else
            }
            assertThat(progress).first().asString().contains("Downloading TensorFlow 2.16.1 (CPU build for Windows x86-64)");
            assertThat(progress).anyMatch(l -> l.contains("file 2 of 2 (tensorflow_cc.dll)") && l.contains("MB so far"));
            assertThat(progress).last().asString().contains("Downloaded", "21 MB");
            assertThat(server.requests).noneMatch(r -> r.contains("osx"));

            int before = server.requests.size();
            assertThat(NativeDownload.fetch(WINDOWS, "2.16.1", cache, server.base("2.16.1"), progress::add, () -> false))
                .isEqualTo(dir);
            assertThat(server.requests).hasSize(before); // second time: from the cache, no request
        }
    }

    @Test
    void cancellingRemovesThePartialDownload() throws Exception {
        try (NativeLayoutServer server = windowsBuild()) {
            AtomicBoolean cancel = new AtomicBoolean();
            assertThatThrownBy(() -> NativeDownload.fetch(WINDOWS, "2.16.1", cache, server.base("2.16.1"),
                line -> cancel.set(line.contains("file 2 of 2")), cancel::get))
                .isInstanceOf(CancellationException.class);
            try (Stream<Path> all = Files.list(cache)) {
                assertThat(all).isEmpty();
            }
        }
    }

    @Test
    void aServerWithoutThePlatformsBuildGivesAClearError() throws Exception {
        try (NativeLayoutServer server = windowsBuild()) {
            NativePlatform linuxArm = NativePlatform.detect("Linux", "aarch64");
            assertThatThrownBy(() -> NativeDownload.fetch(linuxArm, "2.16.1", cache, server.base("2.16.1"), l -> { },
                () -> false)).isInstanceOf(IOException.class)
                .hasMessageContaining("files.txt lists no cpu/linux-aarch64/").hasMessageContaining("Linux aarch64");
            assertThatThrownBy(() -> NativeDownload.fetch(WINDOWS, "2.16.1", cache, server.base("9.9.9"), l -> { },
                () -> false)).isInstanceOf(IOException.class).hasMessageContaining("HTTP 404");
            try (Stream<Path> all = Files.list(cache)) {
                assertThat(all).isEmpty();
            }
        }
    }

    @Test
    void honoursTheJvmsProxySettings() throws Exception {
        // KNIME writes its proxy preferences into these system properties; URL connections read them per request
        try (NativeLayoutServer proxy = windowsBuild()) {
            String[] keys = {"http.proxyHost", "http.proxyPort", "http.nonProxyHosts"};
            String[] old = new String[keys.length];
            for (int i = 0; i < keys.length; i++) {
                old[i] = System.getProperty(keys[i]);
            }
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty("http.proxyPort", Integer.toString(proxy.port()));
            System.setProperty("http.nonProxyHosts", "localhost");
            try {
                // a host name that cannot resolve: only the proxy can answer
                Path dir = NativeDownload.fetch(WINDOWS, "2.16.1", cache, "http://djl-mirror.invalid/tensorflow/2.16.1",
                    l -> { }, () -> false);
                assertThat(dir.resolve("jnitensorflow.dll")).isRegularFile();
                assertThat(proxy.requests).contains("http://djl-mirror.invalid/tensorflow/2.16.1/files.txt");
            } finally {
                for (int i = 0; i < keys.length; i++) {
                    if (old[i] == null) {
                        System.clearProperty(keys[i]);
                    } else {
                        System.setProperty(keys[i], old[i]);
                    }
                }
            }
        }
    }
}
